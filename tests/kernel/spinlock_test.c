/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks on one CPU: what taking and releasing one does to the interrupt flag and to the
 * CPU's count of locks held, and the debug build's reports (recursion, a release by a CPU that
 * does not hold it), each naming the call sites. A holder that keeps a lock too long is in
 * smp_test.c, where the TSC is calibrated.
 */
#include "frame.h"
#include "ktest.h"
#include "panic.h"
#include "smp/cpu.h"
#include "sync/spinlock.h"

#include <arch/irqflags.h>

#define FAKE_HOLDER 3 /* a CPU index the tests pretend holds a lock */
#define FAKE_SITE   8 /* an offset into frame_alloc, as if the holder had called from there */

KTEST(spin_lock_masks_interrupts_and_counts_the_lock)
{
    struct spinlock lock = SPINLOCK_INIT("ktest");
    unsigned before = this_cpu()->locks_held;

    irq_enable();
    irqflags_t flags = spin_lock(&lock);
    bool masked = !irq_enabled();
    KT_ASSERT(spin_held(&lock));
    KT_ASSERT_EQ(before + 1, this_cpu()->locks_held);
    KT_ASSERT_EQ(0, lock.owner);
    spin_unlock(&lock, flags);
    bool restored = irq_enabled();
    irq_disable();
    KT_ASSERT(masked);
    KT_ASSERT(restored);
    KT_ASSERT(!spin_held(&lock));
    KT_ASSERT_EQ(before, this_cpu()->locks_held);
    KT_ASSERT_EQ(-1, lock.owner);
}

KTEST(spin_lock_serves_tickets_in_order)
{
    struct spinlock lock = SPINLOCK_INIT("ktest");

    for (unsigned i = 0; i < 3; i++) {
        irqflags_t flags = spin_lock(&lock);
        KT_ASSERT_EQ(i + 1, lock.next);
        KT_ASSERT_EQ(i, lock.serving);
        spin_unlock(&lock, flags);
    }
    KT_ASSERT_EQ(3, lock.serving);
}

KTEST(spin_try_lock_fails_while_held_and_leaves_interrupts_alone)
{
    /* held by another CPU: one ticket drawn, none served yet */
    struct spinlock lock = {.next = 1, .serving = 0, .name = "ktest", .owner = FAKE_HOLDER};
    irqflags_t flags;

    irq_enable();
    bool taken = spin_try_lock(&lock, &flags);
    bool enabled = irq_enabled();
    irq_disable();
    KT_ASSERT(!taken);
    KT_ASSERT(enabled);
    KT_ASSERT_EQ(1, lock.next);
    lock.serving = 1; /* the other CPU lets go */
    lock.owner = -1;
    KT_ASSERT(spin_try_lock(&lock, &flags));
    KT_ASSERT(spin_held(&lock));
    spin_unlock(&lock, flags);
}

KTEST(the_debug_build_is_linked)
{
    KT_ASSERT(spin_debug());
}

static struct spinlock recursive = SPINLOCK_INIT("ktest-recursive");

static __attribute__((noinline)) void take_recursive(void)
{
    spin_lock(&recursive);
    __asm__ volatile("" ::: "memory"); /* no tail call: the call site must be this function */
}

KTEST_SHOULD_PANIC(taking_a_held_lock_again_names_both_call_sites,
                   "spinlock ktest-recursive: recursion on CPU 0: taken at take_recursive+0x*, "
                   "taken again at taking_a_held_lock_again_names_both_call_sites+0x")
{
    take_recursive();
    spin_lock(&recursive);
    __asm__ volatile("" ::: "memory");
}

KTEST_SHOULD_PANIC(releasing_a_free_lock_names_the_caller,
                   "spinlock ktest: released on CPU 0 at "
                   "releasing_a_free_lock_names_the_caller+0x*, but nobody holds it")
{
    struct spinlock lock = SPINLOCK_INIT("ktest");

    spin_unlock(&lock, 0);
    __asm__ volatile("" ::: "memory");
}

KTEST_SHOULD_PANIC(releasing_another_cpus_lock_names_the_holder,
                   "spinlock ktest: released on CPU 0 at *, but CPU 3 holds it (taken at "
                   "frame_alloc+0x8)")
{
    struct spinlock lock = {.next = 1,
                            .name = "ktest",
                            .owner = FAKE_HOLDER,
                            .owner_pc = (uintptr_t)frame_alloc + FAKE_SITE};

    spin_unlock(&lock, 0);
}

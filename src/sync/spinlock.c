/* SPDX-License-Identifier: MIT */
/*
 * Ticket spinlocks: see spinlock.h. Built twice, like the heap: SPIN_DEBUG=1 for the test
 * kernels, 0 for the product kernel.
 */
#include "sync/spinlock.h"

#include "ksyms.h"
#include "panic.h"
#include "smp/call.h"
#include "smp/cpu.h"
#include "sync/deadline.h"

#include <fmt.h>

#include <arch/cpu.h>

#ifndef SPIN_DEBUG
#error "build spinlock.c with -DSPIN_DEBUG=0 or 1"
#endif

#define SPIN_WAIT_MS   (SPIN_DEBUG ? SPIN_DEBUG_TIMEOUT_MS : SPIN_TIMEOUT_MS)
#define SPINS_PER_LOOK 256 /* spins between two looks at the clock */
#define SITE_MAX       80  /* "function+0x1234" */
#define NO_CPU         (-1)

void spin_init(struct spinlock *lock, const char *name)
{
    *lock = (struct spinlock)SPINLOCK_INIT(name);
}

bool spin_debug(void)
{
    return SPIN_DEBUG;
}

/* "function+0x12" for a return address: the byte before it is the call itself. */
static const char *site(uintptr_t pc, char *buf, size_t size)
{
    const char *name;
    uint64_t offset;

    if (pc && ksym_lookup(pc - 1, &name, &offset))
        fmt_snprintf(buf, size, "%s+0x%lx", name, (unsigned long)offset + 1);
    else
        fmt_snprintf(buf, size, "%016lx", (unsigned long)pc);
    return buf;
}

static noreturn void held_too_long(struct spinlock *lock, const struct deadline *waited)
{
    char holder[SITE_MAX];
    int owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
    uintptr_t pc = __atomic_load_n(&lock->owner_pc, __ATOMIC_RELAXED);

    panic("spinlock %s: held too long: CPU %u waited %lu ms; held by CPU %d, taken at %s",
          lock->name, this_cpu()->index, (unsigned long)deadline_elapsed_ms(waited), owner,
          site(pc, holder, sizeof(holder)));
}

/* SPIN_DEBUG: taking a lock this CPU holds would wait for itself forever. */
static void check_recursion(const struct spinlock *lock, uintptr_t pc)
{
    char first[SITE_MAX], again[SITE_MAX];
    unsigned me = this_cpu()->index;

    if (SPIN_DEBUG && __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == (int)me)
        panic("spinlock %s: recursion on CPU %u: taken at %s, taken again at %s", lock->name, me,
              site(lock->owner_pc, first, sizeof(first)), site(pc, again, sizeof(again)));
}

static void took(struct spinlock *lock, uintptr_t pc)
{
    struct cpu *c = this_cpu();

    __atomic_store_n(&lock->owner, (int)c->index, __ATOMIC_RELAXED);
    __atomic_store_n(&lock->owner_pc, pc, __ATOMIC_RELAXED);
    c->locks_held++;
}

static void wait_turn(struct spinlock *lock, uint32_t ticket)
{
    struct deadline d = deadline_in_ms(SPIN_WAIT_MS);

    for (unsigned spins = 0; __atomic_load_n(&lock->serving, __ATOMIC_ACQUIRE) != ticket; spins++) {
        if (spins % SPINS_PER_LOOK == 0 && deadline_passed(&d))
            held_too_long(lock, &d);
        /* the holder may be waiting for this CPU to run its cross-call (a TLB shootdown) */
        smp_call_serve();
        cpu_relax();
    }
}

irqflags_t spin_lock(struct spinlock *lock)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    irqflags_t flags = irq_save();

    check_recursion(lock, pc);
    uint32_t ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
    if (__atomic_load_n(&lock->serving, __ATOMIC_ACQUIRE) != ticket)
        wait_turn(lock, ticket);
    took(lock, pc);
    return flags;
}

bool spin_try_lock(struct spinlock *lock, irqflags_t *flags)
{
    *flags = irq_save();
    uint32_t serving = __atomic_load_n(&lock->serving, __ATOMIC_RELAXED), expected = serving;
    if (!__atomic_compare_exchange_n(&lock->next, &expected, serving + 1, false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED)) {
        irq_restore(*flags);
        return false;
    }
    took(lock, (uintptr_t)__builtin_return_address(0));
    return true;
}

/* SPIN_DEBUG: only the holder may release, and only once. */
static void check_release(const struct spinlock *lock, uintptr_t pc, const char *how)
{
    char here[SITE_MAX], taken[SITE_MAX];
    unsigned me = this_cpu()->index;
    int owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);

    if (!SPIN_DEBUG || owner == (int)me)
        return;
    if (owner == NO_CPU)
        panic("spinlock %s: %s on CPU %u at %s, but nobody holds it", lock->name, how, me,
              site(pc, here, sizeof(here)));
    panic("spinlock %s: %s on CPU %u at %s, but CPU %d holds it (taken at %s)", lock->name, how, me,
          site(pc, here, sizeof(here)), owner, site(lock->owner_pc, taken, sizeof(taken)));
}

static void release(struct spinlock *lock)
{
    this_cpu()->locks_held--;
    __atomic_store_n(&lock->owner, NO_CPU, __ATOMIC_RELAXED);
    /* only the holder writes serving: a plain read of it is its own last write */
    __atomic_store_n(&lock->serving, lock->serving + 1, __ATOMIC_RELEASE);
}

void spin_unlock(struct spinlock *lock, irqflags_t flags)
{
    check_release(lock, (uintptr_t)__builtin_return_address(0), "released");
    release(lock);
    irq_restore(flags);
}

void spin_abandon(struct spinlock *lock)
{
    check_release(lock, (uintptr_t)__builtin_return_address(0), "abandoned");
    release(lock);
}

bool spin_held(const struct spinlock *lock)
{
    return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == (int)this_cpu()->index;
}

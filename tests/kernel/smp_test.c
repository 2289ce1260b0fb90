/* SPDX-License-Identifier: MIT */
/*
 * Several CPUs: a counter under a spinlock, cross-calls, TLB shootdown, page tables changed at
 * once, and a lock held too long by another CPU. Listed after timer_test.c (interrupts and the
 * calibrated TSC are on, or the first test here turns them on); the tests that need a second CPU
 * skip without one (QEMU -smp; see tests/meson.build).
 */
#include "frame.h"
#include "kernel.h"
#include "ktest.h"
#include "smp/call.h"
#include "smp/cpu.h"
#include "smp/shootdown.h"
#include "sync/deadline.h"
#include "sync/spinlock.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/trap.h>

/* Per CPU. Few: under emulation on a loaded host each hand-over of a ticket lock may wait for
 * the next ticket's virtual CPU to get a host thread. */
#define INCREMENTS          2000
/* Increments per cross-call, all CPUs starting together each time: a cross-call must be short
 * (smp/call.h, answered within SMP_CALL_TIMEOUT_MS), and 2000 at once took up to 24 s on four
 * emulated CPUs of a loaded host. */
#define INCREMENTS_PER_CALL 50
/* unused by the kernel; paging_test uses the page below */
#define SCRATCH_VIRT        0xffffc00000001000ULL
#define VALUE_A             0xaaaa5555aaaa5555ull
#define VALUE_B             0xbbbb6666bbbb6666ull
#define NS_PER_MS           1000000ull

static void need_cpus(unsigned n)
{
    if (cpu_count() < n)
        KT_SKIP("needs another CPU online (QEMU -smp 2 or more)");
}

static uint64_t all_cpus_mask(void)
{
    return cpu_count() >= 64 ? UINT64_MAX : (1ull << cpu_count()) - 1;
}

/* First: interrupts, the tick, the clock and the other CPUs, unless timer_test.c's first test
 * brought them up already (kernel-smp2 and -smp4 run only this file and spinlock_test.c). */
KTEST(the_kernel_is_up_with_interrupts_and_every_cpu)
{
    if (timer_hz() == 0)
        kernel_init_interrupts(ktest_boot_info());
    KT_ASSERT(timer_hz() != 0);
}

/* The runner says how many CPUs QEMU emulates ("ktest.cpus=N" with --smp): all must be online,
 * or every test below that needs two would skip and prove nothing. */
KTEST(every_cpu_qemu_emulates_is_online)
{
    char word[8];
    unsigned want = 0;

    if (!boot_info_cmdline_get(ktest_boot_info(), "ktest.cpus", word, sizeof(word)))
        KT_SKIP("the runner did not say how many CPUs there are (ktest.cpus=)");
    for (const char *c = word; *c >= '0' && *c <= '9'; c++)
        want = want * 10 + (unsigned)(*c - '0');
    KT_ASSERT_EQ(want, cpu_count());
}

/* ---- cross-calls */
static uint64_t reached;

static void mark_reached(void *arg)
{
    (void)arg;
    __atomic_fetch_or(&reached, 1ull << this_cpu()->index, __ATOMIC_RELAXED);
}

static void record_cpu(void *arg)
{
    *(struct cpu **)arg = this_cpu();
}

KTEST(smp_call_on_this_cpu_runs_the_function_here)
{
    struct cpu *ran = NULL;

    smp_call(this_cpu(), record_cpu, &ran);
    KT_ASSERT(ran == this_cpu());
    reached = 0;
    smp_call_all(mark_reached, NULL);
    KT_ASSERT_EQ(all_cpus_mask(), reached);
}

KTEST(smp_call_reaches_each_cpu_and_smp_call_others_every_other)
{
    need_cpus(2);
    for (unsigned i = 0; i < cpu_count(); i++) {
        struct cpu *ran = NULL;
        smp_call(cpu_get(i), record_cpu, &ran);
        KT_ASSERT(ran == cpu_get(i));
    }
    reached = 0;
    smp_call_others(mark_reached, NULL);
    KT_ASSERT_EQ(all_cpus_mask() & ~1ull, reached);
}

/* ---- the counter: every CPU adds INCREMENTS, under the lock, all starting together */
static struct spinlock counter_lock = SPINLOCK_INIT("ktest-counter");
static volatile uint64_t counter;
static unsigned arrived;

/* Until every CPU is here (bounded): the increments of all CPUs then overlap in time. */
static void start_together(void)
{
    struct deadline d = deadline_in_ms(SMP_CALL_TIMEOUT_MS);

    __atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < cpu_count() && !deadline_passed(&d))
        cpu_relax();
}

static void count_under_lock(void *arg)
{
    (void)arg;
    start_together();
    for (unsigned i = 0; i < INCREMENTS_PER_CALL; i++) {
        irqflags_t flags = spin_lock(&counter_lock);
        uint64_t read = counter;
        cpu_relax(); /* between the read and the write: without the lock, CPUs lose updates */
        counter = read + 1;
        spin_unlock(&counter_lock, flags);
    }
}

KTEST(a_counter_under_a_spinlock_ends_at_cpus_times_increments)
{
    need_cpus(2);
    counter = 0;
    arrived = 0;
    uint64_t start = clock_ns();
    for (unsigned round = 0; round < INCREMENTS / INCREMENTS_PER_CALL; round++) {
        arrived = 0;
        smp_call_all(count_under_lock, NULL);
    }
    uint64_t ms = (clock_ns() - start) / NS_PER_MS;
    KT_ASSERT_EQ((uint64_t)cpu_count() * INCREMENTS, counter);
    ktest_note("%u CPUs x %u increments under one lock: %lu ms", cpu_count(), INCREMENTS,
               (unsigned long)ms);
}

/* ---- TLB shootdown: CPU 1 caches a translation, CPU 0 changes it, CPU 1 must see the change */
static volatile uint64_t seen;
static volatile int fault_cpu = -1;
static phys_addr_t frame_b;

static void read_scratch(void *arg)
{
    (void)arg;
    seen = *(volatile uint64_t *)SCRATCH_VIRT;
}

/* A fault on the scratch page from another CPU maps it again, to frame B, and lets the read
 * retry: the test then knows the read faulted, and on which CPU. */
static void catch_scratch_fault(struct trap_frame *f)
{
    if ((trap_fault_address() & ~(uint64_t)(PAGE_SIZE - 1)) != SCRATCH_VIRT ||
        this_cpu()->index == 0 || fault_cpu >= 0)
        trap_unhandled(f);
    fault_cpu = (int)this_cpu()->index;
    if (!paging_map(&kernel_space, SCRATCH_VIRT, frame_b, PAGE_READ))
        trap_unhandled(f);
}

/* Frames A and B holding VALUE_A and VALUE_B; the scratch page mapped to A, read on CPU 1. */
static phys_addr_t scratch_on_cpu1(void)
{
    phys_addr_t a = frame_alloc(0, 0);

    frame_b = frame_alloc(0, 0);
    KT_ASSERT(a && frame_b);
    *(volatile uint64_t *)phys_to_virt(a) = VALUE_A;
    *(volatile uint64_t *)phys_to_virt(frame_b) = VALUE_B;
    KT_ASSERT(paging_map(&kernel_space, SCRATCH_VIRT, a, PAGE_READ));
    seen = 0;
    smp_call(cpu_get(1), read_scratch, NULL); /* CPU 1's TLB now holds the translation */
    KT_ASSERT_EQ(VALUE_A, seen);
    return a;
}

KTEST(a_page_unmapped_on_cpu_0_faults_on_cpu_1s_next_access)
{
    need_cpus(2);
    phys_addr_t a = scratch_on_cpu1();
    uint64_t sent = tlb_shootdown_count();

    KT_ASSERT(paging_unmap(&kernel_space, SCRATCH_VIRT));
    KT_ASSERT_EQ(sent + 1, tlb_shootdown_count());
    fault_cpu = -1;
    trap_register(VECTOR_PF, catch_scratch_fault);
    smp_call(cpu_get(1), read_scratch, NULL);
    trap_register(VECTOR_PF, NULL);
    bool remapped = paging_unmap(&kernel_space, SCRATCH_VIRT); /* the handler's mapping */
    frame_free(a, 0);
    frame_free(frame_b, 0);
    KT_ASSERT_EQ(1, fault_cpu);  /* a stale TLB entry would have read A without a fault */
    KT_ASSERT_EQ(VALUE_B, seen); /* read again after the handler mapped B */
    KT_ASSERT(remapped);
}

KTEST(a_page_remapped_on_cpu_0_reads_the_new_frame_on_cpu_1)
{
    need_cpus(2);
    phys_addr_t a = scratch_on_cpu1();

    KT_ASSERT(paging_map(&kernel_space, SCRATCH_VIRT, frame_b, PAGE_READ));
    smp_call(cpu_get(1), read_scratch, NULL);
    KT_ASSERT(paging_unmap(&kernel_space, SCRATCH_VIRT));
    frame_free(a, 0);
    frame_free(frame_b, 0);
    KT_ASSERT_EQ(VALUE_B, seen);
}

/* ---- page tables changed by every CPU at once: pages interleaved between the CPUs, in a region
 * with no tables yet, so that they race to create the same tables */
#define RACE_VIRT  0xffffc00040000000ULL /* a fresh 1 GiB: no page-directory table below it yet */
#define RACE_PAGES 64                    /* per CPU */

static phys_addr_t race_frame;
static unsigned race_failures;

static virt_addr_t race_page(unsigned cpu, unsigned i)
{
    return RACE_VIRT + ((uint64_t)i * cpu_count() + cpu) * PAGE_SIZE;
}

static void map_interleaved(void *arg)
{
    (void)arg;
    start_together();
    for (unsigned i = 0; i < RACE_PAGES; i++) {
        if (!paging_map(&kernel_space, race_page(this_cpu()->index, i), race_frame, PAGE_READ))
            __atomic_fetch_add(&race_failures, 1, __ATOMIC_RELAXED);
    }
}

KTEST(page_tables_changed_by_every_cpu_at_once_lose_no_mapping)
{
    need_cpus(2);
    phys_addr_t phys;
    uint64_t flags;
    unsigned missing = 0;

    race_frame = frame_alloc(0, 0);
    KT_ASSERT(race_frame);
    arrived = race_failures = 0;
    smp_call_all(map_interleaved, NULL);
    for (unsigned c = 0; c < cpu_count(); c++) {
        for (unsigned i = 0; i < RACE_PAGES; i++) {
            virt_addr_t v = race_page(c, i);
            missing += !paging_query(&kernel_space, v, &phys, &flags) || phys != race_frame;
            paging_unmap(&kernel_space, v);
        }
    }
    frame_free(race_frame, 0);
    KT_ASSERT_EQ(0, race_failures);
    KT_ASSERT_EQ(0, missing);
}

/* ---- a lock held too long, by a real other CPU: it holds the lock until the next test lets go
 * (bounded), so the waiter here panics however the host schedules the two */
#define HOLD_LIMIT_MS 30000

static struct spinlock held_lock = SPINLOCK_INIT("ktest-held-by-cpu1");
static volatile bool holding, let_go, released;

static __attribute__((noinline)) void hold_on_cpu1(void)
{
    irqflags_t flags = spin_lock(&held_lock);
    struct deadline d = deadline_in_ms(HOLD_LIMIT_MS);

    holding = true;
    while (!let_go && !deadline_passed(&d))
        cpu_relax();
    spin_unlock(&held_lock, flags);
    released = true;
}

static void hold_or_wait(void *arg)
{
    (void)arg;
    if (this_cpu()->index == 1) {
        hold_on_cpu1();
        return;
    }
    if (this_cpu()->index != 0)
        return;
    struct deadline d = deadline_in_ms(HOLD_LIMIT_MS);
    while (!holding && !deadline_passed(&d))
        cpu_relax();
    spin_lock(&held_lock); /* CPU 1 keeps it past the limit: a panic, back in the runner */
}

KTEST_SHOULD_PANIC(a_lock_held_too_long_by_another_cpu_names_it_and_its_call_site,
                   "spinlock ktest-held-by-cpu1: held too long: CPU 0 waited * ms; held by CPU "
                   "1, taken at hold_on_cpu1+0x")
{
    need_cpus(2);
    holding = let_go = released = false;
    smp_call_all(hold_or_wait, NULL);
}

static void read_locks_held(void *arg)
{
    *(unsigned *)arg = this_cpu()->locks_held;
}

/* After the test above: CPU 1 lets go, and its cross-call finishes (its answer then cannot land
 * in this CPU's next cross-call). */
KTEST(the_cpu_that_held_the_lock_gave_it_back)
{
    need_cpus(2);
    struct deadline d = deadline_in_ms(SMP_CALL_TIMEOUT_MS);
    const uint64_t *pending = &this_cpu()->call_out.pending;

    let_go = true;
    while ((!released || __atomic_load_n(pending, __ATOMIC_ACQUIRE)) && !deadline_passed(&d))
        cpu_relax();
    KT_ASSERT(released);
    KT_ASSERT_EQ(0, *pending);
    unsigned held = 1;
    smp_call(cpu_get(1), read_locks_held, &held); /* between its interrupts, none held */
    KT_ASSERT_EQ(0, held);
    /* CPU 1's ticket served and returned; the next is the one this CPU drew and gave up when it
     * panicked, so nobody holds the lock and nobody ever will: a ticket lock cannot skip a
     * waiter, which is fine for a kernel that stops at that panic */
    KT_ASSERT_EQ(-1, held_lock.owner);
    KT_ASSERT_EQ(1, held_lock.serving);
    KT_ASSERT_EQ(2, held_lock.next);
}

/* One CPU: the waiter's limit in time, by the calibrated TSC. */
KTEST_SHOULD_PANIC(a_lock_held_too_long_names_the_holder_and_its_call_site,
                   "spinlock ktest-held: held too long: CPU 0 waited * ms; held by CPU 3, taken "
                   "at frame_alloc+0x8")
{
    static struct spinlock lock;

    /* made up: CPU 3 holds it, taken in frame_alloc */
    lock = (struct spinlock){
        .next = 1, .name = "ktest-held", .owner = 3, .owner_pc = (uintptr_t)frame_alloc + 8};
    spin_lock(&lock);
}

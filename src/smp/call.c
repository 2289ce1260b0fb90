/* SPDX-License-Identifier: MIT */
/*
 * Cross-calls (see call.h). Each CPU has an inbox of one request; a caller posts its request in
 * each target's inbox, sends the IPI, and waits for the target's bit in the request to clear.
 */
#include "smp/call.h"

#include "irq/irq.h"
#include "panic.h"
#include "smp/cpu.h"
#include "sync/deadline.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>

_Static_assert(CPU_MAX <= 64, "a request's pending mask has a bit per CPU");

void smp_call_serve(void)
{
    struct cpu *me = this_cpu();

    /* a read first: waiters call this on every spin, and most find nothing */
    if (!__atomic_load_n(&me->call_inbox, __ATOMIC_RELAXED))
        return;
    struct smp_call_request *req = __atomic_exchange_n(&me->call_inbox, NULL, __ATOMIC_ACQUIRE);
    me->call_depth++;
    req->fn(req->arg);
    me->call_depth--;
    /* the last touch of req: its caller may return (and post again) at once */
    __atomic_fetch_and(&req->pending, ~(1ull << me->index), __ATOMIC_RELEASE);
}

/* VECTOR_IPI_CALL: the inbox may already be empty (the wait of a spinlock served it). */
static void call_interrupt(void)
{
    smp_call_serve();
}

void smp_call_init(void)
{
    irq_local(VECTOR_IPI_CALL, call_interrupt);
}

static noreturn void unanswered(const struct cpu *target, const char *what)
{
    panic("smp: CPU %u (APIC ID %u) %s within %u ms", target->index, target->apic_id, what,
          SMP_CALL_TIMEOUT_MS);
}

/* Put req in target's inbox (once the request before it was taken) and interrupt target. */
static void post(struct cpu *target, struct smp_call_request *req, const struct deadline *d)
{
    struct smp_call_request *empty = NULL;

    while (!__atomic_compare_exchange_n(&target->call_inbox, &empty, req, false, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED)) {
        empty = NULL;
        smp_call_serve(); /* whoever keeps target's inbox full may be waiting for this CPU */
        if (deadline_passed(d))
            unanswered(target, "did not take the cross-call before this one");
        cpu_relax();
    }
    if (!lapic_send_ipi(lapic_bus(), target->apic_id, VECTOR_IPI_CALL))
        unanswered(target, "was not sent the cross-call IPI (this CPU's APIC did not accept it)");
}

static void wait_for(struct smp_call_request *req, const struct deadline *d)
{
    uint64_t pending;

    while ((pending = __atomic_load_n(&req->pending, __ATOMIC_ACQUIRE)) != 0) {
        smp_call_serve();
        if (deadline_passed(d))
            unanswered(cpu_get((unsigned)__builtin_ctzll(pending)), "did not answer a cross-call");
        cpu_relax();
    }
}

/* Post fn(arg) to every CPU in mask (never this one), run it here too if asked, wait for all. */
static void call_mask(uint64_t mask, bool here, smp_call_fn fn, void *arg)
{
    struct cpu *me = this_cpu();
    struct smp_call_request *req = &me->call_out;
    struct deadline d = deadline_in_ms(SMP_CALL_TIMEOUT_MS);

    kassert(me->call_depth == 0); /* a cross-call function may not make one */
    *req = (struct smp_call_request){fn, arg, mask};
    for (unsigned i = 0; i < CPU_MAX; i++) {
        if (mask & (1ull << i))
            post(cpu_get(i), req, &d);
    }
    if (here) {
        me->call_depth++;
        fn(arg);
        me->call_depth--;
        d = deadline_in_ms(SMP_CALL_TIMEOUT_MS); /* the others ran fn meanwhile: time from here */
    }
    wait_for(req, &d);
}

/* The CPUs online but this one. */
static uint64_t others_mask(void)
{
    unsigned n = cpu_count();
    uint64_t all = n >= 64 ? UINT64_MAX : (1ull << n) - 1;

    return all & ~(1ull << this_cpu()->index);
}

void smp_call(struct cpu *target, smp_call_fn fn, void *arg)
{
    irqflags_t flags = irq_save();

    kassert(target != NULL);
    if (target == this_cpu())
        call_mask(0, true, fn, arg);
    else
        call_mask(1ull << target->index, false, fn, arg);
    irq_restore(flags);
}

void smp_call_others(smp_call_fn fn, void *arg)
{
    irqflags_t flags = irq_save();

    call_mask(others_mask(), false, fn, arg);
    irq_restore(flags);
}

void smp_call_all(smp_call_fn fn, void *arg)
{
    irqflags_t flags = irq_save();

    call_mask(others_mask(), true, fn, arg);
    irq_restore(flags);
}

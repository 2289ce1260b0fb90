/* SPDX-License-Identifier: MIT */
/*
 * What spinlock.c calls, on the host: panic records its message and jumps back to the test,
 * deadlines run on CLOCK_MONOTONIC, no symbols, no cross-calls to serve.
 */
#include "shim.h"

#include "ksyms.h"
#include "panic.h"
#include "smp/call.h"
#include "sync/deadline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

_Thread_local bool shim_irq_on = true;
_Thread_local struct cpu shim_cpu;
jmp_buf *shim_panic_catcher;

struct cpu *this_cpu(void)
{
    return &shim_cpu;
}

char shim_panic_message[PANIC_MESSAGE_MAX];

noreturn void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(shim_panic_message, sizeof(shim_panic_message), fmt, ap);
    va_end(ap);
    if (shim_panic_catcher)
        longjmp(*shim_panic_catcher, 1);
    fprintf(stderr, "panic: %s\n", shim_panic_message);
    abort();
}

bool ksym_lookup(uint64_t addr, const char **name, uint64_t *offset)
{
    (void)addr, (void)name, (void)offset;
    return false;
}

void smp_call_serve(void)
{
}

static uint64_t now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

struct deadline deadline_in_ms(unsigned ms)
{
    return (struct deadline){now_ns(), (uint64_t)ms * 1000000u};
}

bool deadline_passed(const struct deadline *d)
{
    return now_ns() - d->start >= d->counts;
}

uint64_t deadline_elapsed_ms(const struct deadline *d)
{
    return (now_ns() - d->start) / 1000000u;
}

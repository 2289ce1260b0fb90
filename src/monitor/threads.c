/* SPDX-License-Identifier: MIT */
/* The monitor's thread commands: ps lists the threads, spin starts CPU-bound ones to watch. */
#include "console.h"
#include "monitor.h"
#include "sched/thread.h"

#include <arch/cpu.h>
#include <fmt.h>

#define PS_MAX    64 /* threads listed; the rest are counted */
#define SPIN_MAX  16 /* CPU-bound threads spin starts at most */
#define NS_PER_MS 1000000ull
#define DECIMAL   10

static struct thread *spinners[SPIN_MAX];
static unsigned spinner_count;
static volatile bool spinners_stop;

void cmd_ps(const char *args)
{
    static struct thread_info list[PS_MAX]; /* the monitor is one thread: no one else uses it */

    (void)args;
    size_t n = thread_list(list, PS_MAX);
    kprintf("   id  cpu  state       run ms  name\n");
    for (size_t i = 0; i < n; i++)
        kprintf("%5u  %3u  %-8s %9lu  %s\n", list[i].id, list[i].cpu,
                thread_state_name(list[i].state), (unsigned long)(list[i].run_ns / NS_PER_MS),
                list[i].name);
}

static long spin(void *arg)
{
    (void)arg;
    while (!spinners_stop)
        cpu_relax();
    return 0;
}

/* "spin N": start N threads that use their CPU until "spin 0" stops them all. */
void cmd_spin(const char *args)
{
    unsigned long n = 0;

    for (; *args >= '0' && *args <= '9' && n <= SPIN_MAX; args++)
        n = n * DECIMAL + (unsigned long)(*args - '0');
    if (*args || n > SPIN_MAX) {
        kprintf("spin: give a number of threads, 0 to %u\n", SPIN_MAX);
        return;
    }
    if (n == 0) {
        spinners_stop = true;
        for (unsigned i = 0; i < spinner_count; i++)
            thread_join(spinners[i]);
        kprintf("spin: %u threads stopped\n", spinner_count);
        spinner_count = 0;
        spinners_stop = false;
        return;
    }
    for (unsigned long i = 0; i < n && spinner_count < SPIN_MAX; i++) {
        char name[THREAD_NAME_MAX];
        fmt_snprintf(name, sizeof(name), "spin %u", spinner_count);
        struct thread *t = thread_create(spin, NULL, name);
        if (!t) {
            kprintf("spin: out of memory or stacks\n");
            break;
        }
        spinners[spinner_count++] = t;
    }
    kprintf("spin: %u threads spinning (spin 0 stops them)\n", spinner_count);
}

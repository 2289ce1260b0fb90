/* SPDX-License-Identifier: MIT */
/*
 * The tick. The local APIC timer counts at a rate no register states, so it is measured against
 * a clock whose rate is known (the HPET's period register, or the PIT's fixed 1.193182 MHz on
 * channel 2), and so is the TSC. The tick then comes from the local APIC timer (TSC-deadline mode
 * when the CPU has it), or from the PIT on IRQ 0 when the APIC timer cannot be trusted.
 */
#include "time/timer.h"

#include "console.h"
#include "irq/irq.h"
#include "smp/cpu.h"
#include "time/calibrate.h"
#include "time/timer_config.h"

#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>
#include <arch/pc/hpet.h>
#include <arch/pc/pit.h>
#include <arch/tsc.h>
#include <fmt.h>

/* 50 ms: long against a loaded host's scheduling jitter under emulation, short for a boot, and
 * within PIT channel 2's 16-bit count (65535 / 1.193182 MHz = 54.9 ms). */
#define CALIBRATION_NS       50000000ull
#define CALIBRATION_PIT      ((uint16_t)(PIT_INPUT_HZ * CALIBRATION_NS / NS_PER_SEC))
#define CALIBRATION_ROUNDS   3 /* rounds measured; the median wins (see measure_best) */
/* PIT channel 2 starts from its largest count, so 50 ms of counting ends ~4.9 ms before 0. */
#define PIT_CALIBRATION_LOAD 0xffff
#define SAMPLE_TRIES         8 /* readings per sample; the quickest one is kept */
#define CALIBRATION_TRIES    (3 * CALIBRATION_ROUNDS) /* rounds tried, spoilt ones included */
/* Reads of the reference before it is declared dead: each read is an I/O or MMIO access of at
 * least ~100 ns, so 2^28 of them outlast a 50 ms window by far. */
#define WAIT_READS           (1ul << 28)
#define VERIFY_TICKS         5 /* ticks timer_verify waits for */
/* How long it waits for them: ticks come every 0.1-100 ms, but an emulator on a loaded host may
 * hold them back for tens of milliseconds; only a dead timer takes this long. */
#define VERIFY_WINDOW_NS     1000000000ull
#define LAPIC_MAX            0xffffffffu
#define WORD_MAX             16

static struct {
    enum timer_source source;
    unsigned hz;
    uint64_t stamp_every;
    uint64_t tsc_per_tick;
    uint32_t period_count; /* the local APIC timer's count per tick, periodic mode */
    bool hpet_ok;
    struct timer_calibration cal;
    void (*hook)(uint64_t ticks);
    void (*cpu_hook)(void);
} timer;

static volatile uint64_t ticks;

static void stamp(uint64_t n)
{
    char line[32];

    fmt_snprintf(line, sizeof(line), "tick %lu\n", (unsigned long)n);
    console_serial_write(line);
}

/* Every CPU's local timer interrupt; the global tick count and the stamps are the BSP's. */
static void tick(void)
{
    struct cpu *c = this_cpu();

    c->ticks++;
    if (timer.source == TIMER_LAPIC_DEADLINE) {
        c->timer_deadline += timer.tsc_per_tick;
        lapic_timer_deadline(lapic_bus(), VECTOR_APIC_TIMER, c->timer_deadline);
    }
    if (timer.cpu_hook)
        timer.cpu_hook();
    if (c->index != 0)
        return;
    uint64_t n = ticks + 1;

    ticks = n;
    if (timer.stamp_every && n % timer.stamp_every == 0)
        stamp(n);
    if (timer.hook)
        timer.hook(n);
}

/* The reference (HPET counts, or PIT channel 2's remaining count) with the counters beside it. */
struct sample {
    uint64_t reference;
    uint32_t lapic;
    uint64_t tsc;
};

/* One calibration round: how long by the reference, and what the counters advanced meanwhile. */
struct round {
    uint64_t ns;
    uint32_t lapic;
    uint64_t tsc;
};

static uint64_t read_reference(bool use_hpet)
{
    return use_hpet ? hpet_counter() : pit_channel2_count();
}

/*
 * Read the reference and the counters together, SAMPLE_TRIES times, and keep the reading the
 * TSC says took least time: the one no interrupt, SMI or (under emulation) host scheduling cut
 * in two, so that all three values belong to the same moment.
 */
static struct sample sample_now(bool use_hpet, bool with_lapic)
{
    struct sample best = {0};
    uint64_t best_gap = UINT64_MAX;

    for (int i = 0; i < SAMPLE_TRIES; i++) {
        uint64_t t = tsc_read();
        uint32_t l = with_lapic ? lapic_bus()->read(LAPIC_TIMER_CURRENT) : 0;
        uint64_t r = read_reference(use_hpet);
        uint64_t gap = tsc_read() - t;
        if (gap < best_gap) {
            best_gap = gap;
            best = (struct sample){.reference = r, .lapic = l, .tsc = t};
        }
    }
    return best;
}

/* Reference ticks from a to now: the HPET counts up, PIT channel 2 down. */
static uint64_t reference_elapsed(bool use_hpet, uint64_t a, uint64_t now)
{
    return use_hpet ? now - a : (uint16_t)(a - now);
}

/*
 * One round: a sample, CALIBRATION_NS by the reference, another sample. Only the two samples'
 * moments matter, not what happens in between. The round is spoilt if PIT channel 2 ran out
 * before the second sample (the host held the CPU back for more than its 4.9 ms margin).
 */
enum measured { MEASURED, REFERENCE_DEAD, ROUND_SPOILT };

static enum measured measure(bool use_hpet, bool with_lapic, struct round *out)
{
    uint64_t target = use_hpet ? CALIBRATION_NS * FS_PER_NS / hpet_period_fs() : CALIBRATION_PIT;

    if (with_lapic)
        lapic_timer_oneshot(lapic_bus(), LAPIC_MAX);
    if (!use_hpet)
        pit_channel2_start(PIT_CALIBRATION_LOAD);
    struct sample a = sample_now(use_hpet, with_lapic);
    for (unsigned long reads = 0;
         reference_elapsed(use_hpet, a.reference, read_reference(use_hpet)) < target; reads++) {
        if (reads == WAIT_READS)
            return REFERENCE_DEAD;
    }
    struct sample b = sample_now(use_hpet, with_lapic);
    if (with_lapic)
        lapic_timer_stop(lapic_bus());
    if (!use_hpet && pit_channel2_done())
        return ROUND_SPOILT; /* it passed 0: the count wrapped, so how far it went is unknown */
    uint64_t elapsed = reference_elapsed(use_hpet, a.reference, b.reference);
    out->ns = use_hpet ? hpet_counts_to_ns(elapsed, hpet_period_fs())
                       : elapsed * NS_PER_SEC / PIT_INPUT_HZ;
    out->lapic = a.lapic - b.lapic;
    out->tsc = b.tsc - a.tsc;
    return MEASURED;
}

static uint64_t round_rate(const struct round *r, bool with_lapic)
{
    return calibrate_hz(with_lapic ? r->lapic : r->tsc, r->ns);
}

/* CALIBRATION_ROUNDS rounds; the one with the median rate, so one bad round cannot decide.
 * False if the reference never finished. */
static bool measure_best(bool use_hpet, bool with_lapic, struct round *best)
{
    struct round r[CALIBRATION_ROUNDS];

    for (int i = 0, tries = 0; i < CALIBRATION_ROUNDS; tries++) {
        enum measured m = measure(use_hpet, with_lapic, &r[i]);
        if (m == REFERENCE_DEAD || tries == CALIBRATION_TRIES)
            return false;
        if (m == MEASURED)
            i++;
    }
    for (int i = 1; i < CALIBRATION_ROUNDS; i++) { /* insertion sort by rate */
        for (int j = i; j > 0 && round_rate(&r[j], with_lapic) < round_rate(&r[j - 1], with_lapic);
             j--) {
            struct round t = r[j];
            r[j] = r[j - 1];
            r[j - 1] = t;
        }
    }
    *best = r[CALIBRATION_ROUNDS / 2];
    return true;
}

/* Measure with the HPET if it works, else PIT channel 2; fills timer.cal. */
static void calibrate(bool with_lapic)
{
    struct round s = {0};
    bool measured = false;

    if (timer.hpet_ok) {
        timer.cal.reference = "the HPET";
        measured = measure_best(true, with_lapic, &s);
        if (!measured)
            kprintf("timer: the HPET does not count, trying PIT channel 2\n");
    }
    if (!measured) {
        timer.hpet_ok = false;
        timer.cal.reference = "PIT channel 2";
        measured = measure_best(false, with_lapic, &s);
        if (!measured)
            kprintf("timer: PIT channel 2 never counted down: nothing to calibrate against\n");
    }
    uint64_t ns = measured ? s.ns : 0;
    timer.cal.reference_ns = ns;
    timer.cal.lapic_hz = calibrate_hz(s.lapic, ns);
    timer.cal.tsc_hz = calibrate_hz(s.tsc, ns);
    const char *tsc_error = ns ? calibrate_check_tsc(timer.cal.tsc_hz) : "no reference";
    timer.cal.tsc_ok = !tsc_error;
    if (tsc_error)
        kprintf("timer: %s: the TSC is not used\n", tsc_error);
}

static const char *start_pit(void)
{
    timer.source = TIMER_PIT;
    pit_set_periodic(timer.hz);
    return irq_route(0, tick);
}

/*
 * This CPU's local APIC timer, with what the BSP calibrated: every CPU's timer counts the same
 * bus or core crystal clock, so one calibration serves all (as Linux assumes too).
 */
bool timer_start_this_cpu(void)
{
    struct cpu *c = this_cpu();

    if (timer.source == TIMER_LAPIC_DEADLINE) {
        c->timer_deadline = tsc_read() + timer.tsc_per_tick;
        lapic_timer_deadline(lapic_bus(), VECTOR_APIC_TIMER, c->timer_deadline);
        return true;
    }
    if (timer.source == TIMER_LAPIC_PERIODIC) {
        lapic_timer_periodic(lapic_bus(), VECTOR_APIC_TIMER, timer.period_count);
        return true;
    }
    return false; /* the PIT's IRQ 0 goes to the BSP alone */
}

/* The local APIC timer; false (reported) if its calibration cannot be believed. */
static bool start_lapic(bool allow_deadline)
{
    const char *error = calibrate_check_lapic(timer.cal.lapic_hz);

    if (error) {
        kprintf("timer: %s, the PIT is used instead\n", error);
        return false;
    }
    irq_local(VECTOR_APIC_TIMER, tick);
    if (allow_deadline && lapic_has_tsc_deadline() && timer.cal.tsc_ok) {
        timer.source = TIMER_LAPIC_DEADLINE;
        timer.tsc_per_tick = timer.cal.tsc_hz / timer.hz;
        timer_start_this_cpu();
        return true;
    }
    timer.period_count = calibrate_period_count(timer.cal.lapic_hz, timer.hz);
    if (timer.period_count == 0) {
        kprintf("timer: %u Hz is out of the local APIC timer's range, the PIT is used instead\n",
                timer.hz);
        return false;
    }
    timer.source = TIMER_LAPIC_PERIODIC;
    timer_start_this_cpu();
    return true;
}

static uint64_t cmdline_number(const struct boot_info *info, const char *key, uint64_t fallback)
{
    char word[WORD_MAX];
    uint64_t n = 0;

    if (!boot_info_cmdline_get(info, key, word, sizeof(word)) || !word[0])
        return fallback;
    for (const char *p = word; *p; p++) {
        if (*p < '0' || *p > '9')
            return fallback;
        n = n * 10 + (uint64_t)(*p - '0');
    }
    return n;
}

static void summary(void)
{
    static const char *const names[] = {
        [TIMER_LAPIC_PERIODIC] = "local APIC timer",
        [TIMER_LAPIC_DEADLINE] = "local APIC timer (TSC-deadline mode)",
        [TIMER_PIT] = "PIT on IRQ 0",
    };

    kprintf("timer: %s at %u Hz", names[timer.source], timer.hz);
    if (timer.source != TIMER_PIT)
        kprintf(", calibrated against %s", timer.cal.reference);
    kprintf("\ntimer: calibration over %lu us by %s:",
            (unsigned long)(timer.cal.reference_ns / 1000), timer.cal.reference);
    if (timer.cal.lapic_hz)
        kprintf(" local APIC timer %lu kHz,", (unsigned long)(timer.cal.lapic_hz / 1000));
    kprintf(" TSC %lu MHz\n", (unsigned long)(timer.cal.tsc_hz / 1000000));
}

const char *timer_init(const struct acpi_system *sys, const struct boot_info *info)
{
    char word[WORD_MAX] = "";
    bool apic = irq_controller() == IRQ_APIC;

    timer.hz = (unsigned)cmdline_number(info, "timer_hz", TIMER_HZ_DEFAULT);
    if (timer.hz < 10 || timer.hz > 10000) {
        kprintf("timer: timer_hz=%u is outside 10-10000, using %u\n", timer.hz, TIMER_HZ_DEFAULT);
        timer.hz = TIMER_HZ_DEFAULT;
    }
    timer.stamp_every = cmdline_number(info, "tick_stamp", 0);
    boot_info_cmdline_get(info, "timer", word, sizeof(word));
    if (sys->has_hpet) {
        const char *error = hpet_start(sys->hpet.phys);
        timer.hpet_ok = !error;
        if (error)
            kprintf("%s\n", error);
    }
    calibrate(apic);
    bool pit = word[0] == 'p' && word[1] == 'i'; /* "timer=pit" */
    if (!apic || pit || !start_lapic(word[0] != 'p' || word[1] != 'e')) {
        const char *error = start_pit();
        if (error)
            return error;
    }
    summary();
    return NULL;
}

/* Now in nanoseconds on the best reference (TSC, else HPET); 0 without either. */
static uint64_t reference_now(void)
{
    if (timer.cal.tsc_ok)
        return counts_to_ns(tsc_read(), timer.cal.tsc_hz);
    if (timer.hpet_ok)
        return hpet_counts_to_ns(hpet_counter(), hpet_period_fs());
    return 0;
}

/* Wait up to VERIFY_WINDOW_NS for ticks_wanted ticks; whether they came. */
static bool ticks_arrive(unsigned ticks_wanted)
{
    uint64_t first = ticks, start = reference_now();
    uint64_t window = VERIFY_WINDOW_NS;

    for (unsigned long reads = 0; ticks - first < ticks_wanted; reads++) {
        uint64_t now = reference_now();
        if ((now && now - start > window) || reads == WAIT_READS)
            return false;
        cpu_relax();
    }
    return true;
}

const char *timer_verify(void)
{
    if (ticks_arrive(VERIFY_TICKS))
        return NULL;
    if (timer.source == TIMER_PIT)
        return "timer: no tick arrives from the PIT either: no timer works on this machine";
    kprintf("timer: no tick arrives from the local APIC timer, the PIT is used instead\n");
    lapic_timer_stop(lapic_bus());
    const char *error = start_pit();
    if (error)
        return error;
    if (!ticks_arrive(VERIFY_TICKS))
        return "timer: no tick arrives from the PIT either: no timer works on this machine";
    summary();
    return NULL;
}

uint64_t timer_ticks(void)
{
    return ticks;
}

unsigned timer_hz(void)
{
    return timer.hz;
}

enum timer_source timer_source(void)
{
    return timer.source;
}

const struct timer_calibration *timer_calibration(void)
{
    return &timer.cal;
}

void timer_set_hook(void (*hook)(uint64_t ticks))
{
    timer.hook = hook;
}

void timer_set_cpu_hook(void (*hook)(void))
{
    timer.cpu_hook = hook;
}

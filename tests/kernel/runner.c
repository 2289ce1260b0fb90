/* SPDX-License-Identifier: MIT */
/*
 * The in-kernel test runner: prints the TAP plan, runs each registered test, prints one result
 * line per test on the debug console (a channel no firmware writes to), then exits QEMU with
 * isa-debug-exit: 0x10 when every test passed, 0x11 otherwise.
 */
#include "runner.h"

#include "ktest.h"
#include "panic.h"
#include "smp/cpu.h"

#include <arch/cpu.h>
#include <arch/pc/qemu.h>
#include <arch/setjmp.h>
#include <fmt.h>
#include <stdbool.h>
#include <string.h>

#define NAME_MAX_LEN                                                                               \
    64 /* longest test name (ktest.only=, ktest.skip=) or file list (ktest.files=) */

enum outcome { PASSED = 1, FAILED, SKIPPED };

extern const struct ktest __ktests_start[], __ktests_end[];

static struct {
    const struct boot_info *boot_info;
    unsigned cpu; /* the CPU running the tests */
    const struct ktest *current;
    struct jmp_context resume; /* where a failing assertion or a panic returns to */
    char skip_reason[PANIC_MESSAGE_MAX];
} runner;

static void debugcon_sink(void *ctx, char c)
{
    (void)ctx;
    qemu_debugcon_putc(c);
}

static void tap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void tap(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fmt_vformat(debugcon_sink, NULL, fmt, ap);
    va_end(ap);
}

int ktest_streq(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && memcmp(a, b, n) == 0;
}

/* Where needle (its first n bytes) first occurs in haystack, or NULL. */
static const char *find(const char *haystack, const char *needle, size_t n)
{
    for (; *haystack; haystack++) {
        if (strlen(haystack) < n)
            return NULL;
        if (memcmp(haystack, needle, n) == 0)
            return haystack;
    }
    return n == 0 ? haystack : NULL;
}

/* Whether the '*'-separated parts of pattern all occur in message, in that order. */
static bool matches(const char *message, const char *pattern)
{
    for (;;) {
        const char *star = pattern;
        while (*star && *star != '*')
            star++;
        const char *at = find(message, pattern, (size_t)(star - pattern));
        if (!at)
            return false;
        message = at + (star - pattern);
        if (!*star)
            return true;
        pattern = star + 1;
    }
}

noreturn void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    tap("# %s:%d: ", file, line);
    va_start(ap, fmt);
    fmt_vformat(debugcon_sink, NULL, fmt, ap);
    va_end(ap);
    tap("\n");
    arch_longjmp(&runner.resume, FAILED);
}

noreturn void ktest_fail_values(const char *file, int line, const char *what, uint64_t expected,
                                uint64_t actual)
{
    ktest_fail(file, line, "%s failed\n#   expected: %lld (0x%llx)\n#   actual:   %lld (0x%llx)",
               what, (long long)expected, (unsigned long long)expected, (long long)actual,
               (unsigned long long)actual);
}

noreturn void ktest_fail_strings(const char *file, int line, const char *what, const char *expected,
                                 const char *actual)
{
    ktest_fail(file, line, "%s failed\n#   expected: \"%s\"\n#   actual:   \"%s\"", what, expected,
               actual);
}

void ktest_note(const char *fmt, ...)
{
    va_list ap;

    tap("# ");
    va_start(ap, fmt);
    fmt_vformat(debugcon_sink, NULL, fmt, ap);
    va_end(ap);
    tap("\n");
}

noreturn void ktest_skip(const char *reason)
{
    fmt_snprintf(runner.skip_reason, sizeof(runner.skip_reason), "%s", reason);
    arch_longjmp(&runner.resume, SKIPPED);
}

const struct boot_info *ktest_boot_info(void)
{
    return runner.boot_info;
}

/* Every panic while tests run lands here: expected by should-panic tests, a failure otherwise. */
static void on_panic(const char *message)
{
    const struct ktest *t = runner.current;

    /* another CPU (a cross-call of a test): only the runner's CPU can return into the runner */
    if (this_cpu()->index != runner.cpu) {
        tap("Bail out! panic on CPU %u: %s\n", this_cpu()->index, message);
        qemu_exit(QEMU_EXIT_FAILURE);
    }
    if (!t) {
        tap("Bail out! panic outside any test: %s\n", message);
        qemu_exit(QEMU_EXIT_FAILURE);
    }
    if (t->panic_message && matches(message, t->panic_message))
        arch_longjmp(&runner.resume, PASSED);
    tap("# unexpected panic: %s\n", message);
    if (t->panic_message)
        tap("#   expected a panic matching: %s\n", t->panic_message);
    arch_longjmp(&runner.resume, FAILED);
}

static enum outcome run_one(const struct ktest *t)
{
    runner.current = t;
    volatile enum outcome outcome = (enum outcome)arch_setjmp(&runner.resume);
    if (outcome == 0) {
        t->run();
        if (t->panic_message)
            tap("# returned without the expected panic matching: %s\n", t->panic_message);
        outcome = t->panic_message ? FAILED : PASSED;
    }
    /* a test that failed with interrupts on (or in a handler) does not leave them on for the next
     */
    cpu_disable_interrupts();
    /* nor the count of a lock a should-panic test took and never released (recursion), nor that
     * of a cross-call function it panicked in */
    this_cpu()->locks_held = 0;
    this_cpu()->call_depth = 0;
    runner.current = NULL;
    return outcome;
}

/* Whether file (a __FILE__) names the source file base, as "smp_test.c". */
static bool in_file(const char *file, const char *base)
{
    size_t n = strlen(file), m = strlen(base);
    return n >= m && ktest_streq(file + n - m, base) && (n == m || file[n - m - 1] == '/');
}

/* ktest.only= names one test; ktest.files= the source files to run, comma-separated. */
static bool selected(const struct ktest *t, const char *only, char *files)
{
    if (*only)
        return ktest_streq(t->name, only);
    if (!*files)
        return true;
    for (char *f = files, *end; *f; f = *end ? end + 1 : end) {
        for (end = f; *end && *end != ','; end++)
            ;
        char was = *end;
        *end = '\0';
        bool match = in_file(t->file, f);
        *end = was;
        if (match)
            return true;
    }
    return false;
}

/* ktest.skip= names one test to leave out. */
static bool skipped(const struct ktest *t, const char *skip)
{
    return *skip && ktest_streq(t->name, skip);
}

noreturn void ktest_run_all(const struct boot_info *boot_info)
{
    char only[NAME_MAX_LEN] = "", files[NAME_MAX_LEN] = "", skip[NAME_MAX_LEN] = "";
    int planned = 0, number = 0, failed = 0;

    runner.boot_info = boot_info;
    runner.cpu = this_cpu()->index;
    boot_info_cmdline_get(boot_info, "ktest.only", only, sizeof(only));
    boot_info_cmdline_get(boot_info, "ktest.files", files, sizeof(files));
    boot_info_cmdline_get(boot_info, "ktest.skip", skip, sizeof(skip));
    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
        planned += selected(t, only, files) && !skipped(t, skip);
    tap("1..%d\n", planned);
    panic_set_hook(on_panic);

    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
        if (!selected(t, only, files) || skipped(t, skip))
            continue;
        enum outcome outcome = run_one(t);
        number++;
        if (outcome == SKIPPED)
            tap("ok %d - %s # SKIP %s\n", number, t->name, runner.skip_reason);
        else
            tap("%s %d - %s\n", outcome == PASSED ? "ok" : "not ok", number, t->name);
        failed += outcome == FAILED;
    }
    qemu_exit(failed || planned == 0 ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}

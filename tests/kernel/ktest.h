/* SPDX-License-Identifier: MIT */
/*
 * In-kernel tests: a test is a plain function registered with one macro; the runner finds every
 * registered test through a linker section, runs them one by one and reports TAP on QEMU's
 * debug console.
 *
 *     KTEST(vga_scrolls) { ... KT_ASSERT_EQ(expected, actual); ... }
 *     KTEST_SHOULD_PANIC(kassert_panics, "assertion failed*1 == 2") { kassert(1 == 2); }
 */
#ifndef CYAN_KTEST_H
#define CYAN_KTEST_H

#include "boot_info.h"

#include <stdint.h>
#include <stdnoreturn.h>

struct ktest {
    const char *name;
    void (*run)(void);
    const char *panic_message; /* should-panic tests: pattern the panic message must match */
    const char *file;
};

#define KTEST_REGISTER(fn, message)                                                                \
    static void fn(void);                                                                          \
    static const struct ktest ktest_case_##fn                                                      \
        __attribute__((used, section(".ktests"), aligned(8))) = {#fn, fn, message, __FILE__};      \
    static void fn(void)

/* A test that passes when it returns. */
#define KTEST(fn)                       KTEST_REGISTER(fn, NULL)
/*
 * A test that passes only if it panics with a message matching the pattern: text that must occur
 * in the message, with '*' between parts that must occur in that order ("page fault*cr2 0x0").
 */
#define KTEST_SHOULD_PANIC(fn, message) KTEST_REGISTER(fn, message)

/* End the current test as failed, with a diagnostic; or as skipped. */
noreturn void ktest_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
noreturn void ktest_fail_values(const char *file, int line, const char *what, uint64_t expected,
                                uint64_t actual);
noreturn void ktest_fail_strings(const char *file, int line, const char *what, const char *expected,
                                 const char *actual);
noreturn void ktest_skip(const char *reason);
/* A diagnostic line ("# ...") in the TAP output: figures a test measured. */
void ktest_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ktest_streq(const char *a, const char *b);

/* What the loader told this test kernel. */
const struct boot_info *ktest_boot_info(void);

#define KT_ASSERT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ktest_fail(__FILE__, __LINE__, "KT_ASSERT(%s) failed", #cond);                         \
    } while (0)

#define KT_ASSERT_EQ(expected, actual)                                                             \
    do {                                                                                           \
        uint64_t kt_e_ = (uint64_t)(expected), kt_a_ = (uint64_t)(actual);                         \
        if (kt_e_ != kt_a_)                                                                        \
            ktest_fail_values(__FILE__, __LINE__, "KT_ASSERT_EQ(" #expected ", " #actual ")",      \
                              kt_e_, kt_a_);                                                       \
    } while (0)

#define KT_ASSERT_STREQ(expected, actual)                                                          \
    do {                                                                                           \
        const char *kt_e_ = (expected), *kt_a_ = (actual);                                         \
        if (!ktest_streq(kt_e_, kt_a_))                                                            \
            ktest_fail_strings(__FILE__, __LINE__, "KT_ASSERT_STREQ(" #expected ", " #actual ")",  \
                               kt_e_, kt_a_);                                                      \
    } while (0)

#define KT_SKIP(reason) ktest_skip(reason)

#endif

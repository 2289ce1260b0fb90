/* SPDX-License-Identifier: MIT */
/* The kernel console: a cursor over a screen's cell grid, mirrored to COM1. */
#include "console.h"

#include "fbcon.h"
#include "smp/cpu.h"
#include "sync/deadline.h"
#include "sync/spinlock.h"
#include "vgacon.h"

#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/pc/uart16550.h>
#include <fmt.h>

#define TAB_WIDTH 8

/* No screen still has a grid, so lines wrap on COM1 as they would on VGA text mode's 80x25. */
#define NO_SCREEN_COLS 80
#define NO_SCREEN_ROWS 25

#define DEFAULT_FG COLOR_LIGHT_GREY
#define DEFAULT_BG COLOR_BLACK

static const struct screen *screen = &vga_text_screen;
static struct {
    unsigned row;
    unsigned col;
    struct colors colors;
} cursor = {.colors = {DEFAULT_FG, DEFAULT_BG}};

/*
 * Serialises the cursor, the screen's cells and COM1 between CPUs and interrupt handlers, for a
 * whole write or kprintf at a time. Taken with interrupts masked, so a handler can print without
 * waiting on the code it interrupted. After console_panic the panicking CPU owns the console: it
 * keeps the lock if it can get it (so no other CPU prints over its report) and prints without it
 * whoever held it when the panic struck. Nests inside every other lock (printing while holding
 * one is allowed); take no lock while holding it.
 */
static struct spinlock lock = SPINLOCK_INIT("console");
static int panic_owner = -1; /* the CPU printing a panic report, -1 before any */

#define PANIC_LOCK_WAIT_MS 100 /* how long a panic waits for the lock before printing anyway */

struct held {
    bool taken;
    irqflags_t flags;
};

static struct held lock_console(void)
{
    struct held held = {0};

    if (__atomic_load_n(&panic_owner, __ATOMIC_ACQUIRE) == (int)this_cpu()->index)
        held.flags = irq_save();
    else
        held = (struct held){true, spin_lock(&lock)};
    return held;
}

static void unlock_console(struct held held)
{
    if (held.taken)
        spin_unlock(&lock, held.flags);
    else
        irq_restore(held.flags);
}

void console_panic(void)
{
    struct deadline wait = deadline_in_ms(PANIC_LOCK_WAIT_MS);
    irqflags_t flags;

    /* a holder that was stopped, or this CPU faulting inside kprintf, never gives it back */
    while (!spin_held(&lock) && !spin_try_lock(&lock, &flags) && !deadline_passed(&wait))
        cpu_relax();
    __atomic_store_n(&panic_owner, (int)this_cpu()->index, __ATOMIC_RELEASE);
}

static void show_cursor(void)
{
    if (screen->set_cursor)
        screen->set_cursor(cursor.row, cursor.col);
}

static void no_cell(unsigned row, unsigned col, char c, struct colors colors)
{
    (void)row, (void)col, (void)c, (void)colors;
}

static void no_scroll(struct colors colors)
{
    (void)colors;
}

/* No screen at all: what the loader reported cannot be drawn on, so only COM1 shows the text. */
static const struct screen no_screen = {
    .name = "none",
    .cols = NO_SCREEN_COLS,
    .rows = NO_SCREEN_ROWS,
    .put_cell = no_cell,
    .scroll_up = no_scroll,
    .device = {0, 0, PAGE_CACHE_UC}, /* nothing to map */
};

static const char *fb_refusal; /* why the loader's framebuffer is not used, or NULL */
/* A framebuffer beyond what the boot page tables map (above 4 GiB, as on many current PCs):
 * drawn on from console_attach_framebuffer, once the kernel's tables map it. */
static const struct screen *pending_fb;

/*
 * VGA text mode when the loader reports it or reports nothing (QEMU's PVH boot leaves the BIOS
 * text mode); the framebuffer when the console may draw on it; else no screen, as a graphics
 * mode hides the text buffer and a framebuffer in the wrong place must not be touched.
 */
static const struct screen *choose_screen(const struct boot_info *info)
{
    /* from the boot code and its page tables (loaded first, at 1 MiB) to the end of .bss */
    struct boot_phys_span image = {KERNEL_LOAD_PHYS, kernel_virt_to_phys(_kernel_end)};
    const struct screen *fb = NULL;

    fb_refusal = NULL;
    pending_fb = NULL;
    if (info->fb.type == BOOT_FB_NONE || info->fb.type == BOOT_FB_TEXT)
        return &vga_text_screen;
    fb_refusal = boot_fb_refusal(info, image, DIRECT_MAP_SPAN);
    if (!fb_refusal && !(fb = fbcon_screen(&info->fb)))
        fb_refusal = "it is too small for one character";
    if (fb_refusal)
        return &no_screen;
    if (!phys_in_direct_map(info->fb.phys, fb->device.length)) {
        pending_fb = fb; /* COM1 only until the kernel's page tables reach it */
        return &no_screen;
    }
    return fb;
}

void console_init(const struct boot_info *info)
{
    screen = choose_screen(info);
    console_clear(DEFAULT_FG, DEFAULT_BG);
    serial_init();
    /* with no screen this line goes to COM1 only, before anything else the kernel prints */
    if (fb_refusal)
        kprintf("console: framebuffer at 0x%lx refused: %s; no screen, COM1 only\n",
                (unsigned long)info->fb.phys, fb_refusal);
}

const char *console_fb_refusal(void)
{
    return fb_refusal;
}

const struct screen *console_screen(void)
{
    return screen;
}

void console_clear(enum color fg, enum color bg)
{
    struct held held = lock_console();

    console_set_color(fg, bg);
    for (unsigned row = 0; row < screen->rows; row++) {
        for (unsigned col = 0; col < screen->cols; col++)
            screen->put_cell(row, col, ' ', cursor.colors);
    }
    cursor.row = cursor.col = 0;
    show_cursor();
    unlock_console(held);
}

void console_attach_framebuffer(void)
{
    if (!pending_fb)
        return;
    screen = pending_fb;
    pending_fb = NULL;
    console_clear(cursor.colors.fg, cursor.colors.bg);
}

struct device_range console_device(void)
{
    return pending_fb ? pending_fb->device : screen->device;
}

void console_set_color(enum color fg, enum color bg)
{
    cursor.colors = (struct colors){fg % COLOR_COUNT, bg % COLOR_COUNT};
}

static void newline(void)
{
    cursor.col = 0;
    if (++cursor.row == screen->rows) {
        screen->scroll_up(cursor.colors);
        cursor.row = screen->rows - 1;
    }
}

static void screen_putc(char c)
{
    switch (c) {
    case '\n':
        newline();
        break;
    case '\r':
        cursor.col = 0;
        break;
    case '\t':
        do
            screen_putc(' ');
        while (cursor.col % TAB_WIDTH);
        return;
    case '\b':
        if (cursor.col > 0)
            cursor.col--;
        break;
    default:
        screen->put_cell(cursor.row, cursor.col, c, cursor.colors);
        if (++cursor.col == screen->cols)
            newline();
        break;
    }
    show_cursor();
}

static void putc_locked(char c)
{
    screen_putc(c);
    serial_putc(c);
}

void console_putc(char c)
{
    struct held held = lock_console();

    putc_locked(c);
    unlock_console(held);
}

void console_write(const char *s, size_t n)
{
    struct held held = lock_console();

    for (size_t i = 0; i < n; i++)
        putc_locked(s[i]);
    unlock_console(held);
}

void console_serial_write(const char *s)
{
    struct held held = lock_console();

    while (*s)
        serial_putc(*s++);
    unlock_console(held);
}

static void console_sink(void *ctx, char c)
{
    (void)ctx;
    putc_locked(c);
}

int kvprintf(const char *fmt, va_list ap)
{
    struct held held = lock_console();
    int n = fmt_vformat(console_sink, NULL, fmt, ap);

    unlock_console(held);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

/* SPDX-License-Identifier: MIT */
/* Input glue: 8042 and COM1 bytes through their decoders into the event queue; LED updates. */
#include "input.h"

#include "console.h"
#include "input_queue.h"
#include "keyboard.h"
#include "scancode.h"
#include "terminal.h"

#include "acpi/system.h"
#include "irq/irq.h"
#include "sched/sched.h"
#include "sched/wait.h"

#include <arch/irqflags.h>
#include <arch/pc/i8042.h>
#include <arch/pc/uart16550.h>

#define LAYOUT_NAME_MAX 16

/*
 * Single producer, single consumer, and no lock: both producers are interrupt handlers of lines
 * irq_route sends to the bootstrap processor, where they run one at a time with interrupts
 * masked; the one consumer is the monitor. Routing a line to another CPU needs a lock here.
 */
static struct input_queue queue;
/* The thread waiting for input (the monitor). Its lock also guards the decoder and keyboard state
 * below, which the handlers (on whichever CPU takes the IRQ) and input_wait both touch. */
static struct wait_queue waiters = WAIT_QUEUE_INIT("input");
static struct scancode_decoder scancodes;
static struct terminal_decoder terminal;
static struct keyboard keyboard;
static uint8_t leds_shown;
static bool have_keyboard;

/* An ISA interrupt, through the IOAPIC (or the 8259s where there is none); false, said, if it
 * cannot be routed. */
static bool route_isa_irq(unsigned irq, irq_handler_fn handler, const char *device)
{
    const char *error = irq_route(irq, handler);

    if (error)
        kprintf("input: %s on IRQ %u not routed: %s\n", device, irq, error);
    return !error;
}

/*
 * The FADT's IA-PC boot architecture flags say whether the machine has an 8042 at all (ACPI 6.5
 * 5.2.9.3, flag "8042"); some UEFI-only machines have none and their ports read as 0xff. The
 * flags exist from FADT revision 2 on; without them the controller is probed and its timeouts
 * say.
 */
static bool fadt_says_no_8042(void)
{
    const struct acpi_system *sys = acpi_system();

    return sys->has_fadt && sys->fadt.revision >= 2 && !(sys->fadt.boot_arch & FADT_BOOT_8042);
}

static uint8_t leds_of(uint16_t mods)
{
    return (uint8_t)(((mods & MOD_CAPS) ? KBD_LED_CAPS : 0) | ((mods & MOD_NUM) ? KBD_LED_NUM : 0) |
                     ((mods & MOD_SCROLL) ? KBD_LED_SCROLL : 0));
}

/* From an interrupt handler: queue the event and wake the reader, the lock already held. */
static void put_locked(const struct input_event *ev)
{
    input_queue_put(&queue, ev);
    wait_queue_wake_all(&waiters);
}

static void keyboard_byte(uint8_t byte)
{
    struct key_change change;
    struct input_event ev;
    irqflags_t flags = spin_lock(&waiters.lock);

    if (scancode_feed(&scancodes, byte, &change) && keyboard_change(&keyboard, change, &ev))
        put_locked(&ev);
    /* a lock key changes the LEDs without an event: the reader sets them when woken */
    if (have_keyboard && leds_of(keyboard_mods(&keyboard)) != leds_shown)
        wait_queue_wake_all(&waiters);
    spin_unlock(&waiters.lock, flags);
}

static void serial_byte(uint8_t byte)
{
    struct input_event ev;
    irqflags_t flags = spin_lock(&waiters.lock);

    if (terminal_feed(&terminal, byte, &ev))
        put_locked(&ev);
    spin_unlock(&waiters.lock, flags);
}

static const struct layout *choose_layout(const struct boot_info *info)
{
    char name[LAYOUT_NAME_MAX];

    if (!boot_info_cmdline_get(info, "kbd", name, sizeof(name)))
        return &layout_us;
    const struct layout *layout = layout_find(name);
    if (!layout)
        kprintf("input: unknown layout kbd=%s (there are us, de): using us\n", name);
    return layout ? layout : &layout_us;
}

void input_init(const struct boot_info *info)
{
    const char *error = fadt_says_no_8042() ? "the FADT says there is no 8042" : NULL;

    keyboard_init(&keyboard, choose_layout(info));
    if (!error)
        error = i8042_init(keyboard_byte);
    if (!error) {
        irqflags_t flags = irq_save();
        i8042_set_leds(leds_shown);
        irq_restore(flags);
    }
    have_keyboard = !error && route_isa_irq(I8042_IRQ, i8042_interrupt, "keyboard");
    bool serial = serial_receive(serial_byte) && route_isa_irq(COM1_IRQ, serial_interrupt, "COM1");
    if (have_keyboard)
        kprintf("input: PS/2 keyboard, layout %s (%s)%s\n", keyboard.layout->name,
                keyboard.layout->description, serial ? "; COM1" : "");
    else
        kprintf("input: no PS/2 keyboard (%s); %s\n", error ? error : "its IRQ is not routed",
                serial ? "serial input only" : "no COM1 either");
}

/* Set the LEDs once per change: a keyboard that does not acknowledge (some firmware emulations)
 * keeps its LEDs, and typing is not held up by its timeouts again and again. Interrupts off;
 * not under the waiters' lock, which keystrokes arriving meanwhile take (keyboard_byte). */
static void set_leds(uint8_t leds)
{
    (void)i8042_set_leds(leds);
    leds_shown = leds;
}

/* The LEDs the lock keys ask for (those shown, when there is no keyboard). */
static uint8_t leds_wanted(void)
{
    return have_keyboard ? leds_of(keyboard_mods(&keyboard)) : leds_shown;
}

/* A thread blocks in the wait queue until a handler puts an event and wakes it. */
static void wait_blocking(struct input_event *ev)
{
    spin_lock(&waiters.lock);
    for (;;) {
        uint8_t leds = leds_wanted();
        if (leds != leds_shown) {
            spin_unlock(&waiters.lock, 0); /* interrupts stay off */
            set_leds(leds);
            spin_lock(&waiters.lock);
            continue;
        }
        if (input_queue_take(&queue, ev))
            break;
        wait_queue_sleep(&waiters);
    }
    spin_unlock(&waiters.lock, 0);
    irq_enable();
}

void input_wait(struct input_event *ev)
{
    if (sched_can_block()) {
        wait_blocking(ev);
        return;
    }
    irq_disable(); /* the handlers touch the keyboard state too */
    for (;;) {
        if (leds_wanted() != leds_shown)
            set_leds(leds_wanted());
        if (input_queue_take(&queue, ev)) {
            irq_enable();
            return;
        }
        irq_wait(); /* sti; hlt; cli: an interrupt between the check and hlt still wakes it */
    }
}

uint32_t input_lost(void)
{
    return input_queue_lost(&queue);
}

bool input_have_keyboard(void)
{
    return have_keyboard;
}

const char *input_layout_name(void)
{
    return keyboard.layout->name;
}

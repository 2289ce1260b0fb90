/* SPDX-License-Identifier: MIT */
/*
 * Device interrupts through the APICs: IOAPIC inputs found from the MADT, ISA IRQs translated by
 * its interrupt source overrides, one vector per routed line, the end of interrupt sent by the
 * local APIC once the handler returns. Without a usable MADT, IOAPIC or local APIC, the 8259
 * PICs do the same job for ISA IRQs.
 */
#include "irq/irq.h"

#include "console.h"
#include "sync/spinlock.h"

#include <arch/idt.h>
#include <arch/lapic.h>
#include <arch/pc/ioapic.h>
#include <arch/pc/pic8259.h>
#include <arch/trap.h>

#define ISA_IRQS       16
#define XAPIC_MAX_DEST 0xff /* an IOAPIC entry names its destination in 8 bits */
#define ROUTES_MAX     32   /* lines kept routed at once: ISA IRQs and a few PCI ones */

struct ioapic {
    uint32_t phys, gsi_base;
    unsigned inputs;
    uint8_t id;
};

static struct {
    enum irq_controller controller;
    enum lapic_mode lapic;
    uint32_t lapic_id;
    const struct acpi_madt *madt;
    unsigned ioapic_count;
    struct ioapic ioapics[MADT_IOAPICS_MAX];
    unsigned next_vector;
    irq_handler_fn handlers[IDT_VECTORS];
    irq_handler_fn pic_handlers[ISA_IRQS];
    unsigned route_count;
    struct {
        unsigned irq;
        struct irq_route route;
    } routes[ROUTES_MAX];
} irq = {.next_vector = VECTOR_IRQ_FIRST};

/*
 * The routing tables (routes, handlers, next_vector) and the IOAPIC entries they program, as any
 * CPU routes and unroutes lines. The dispatchers read a handler without it: one aligned pointer,
 * written before the line is unmasked. Nests outside the console's lock (routing prints).
 */
static struct spinlock routing_lock = SPINLOCK_INIT("irq routing");

static volatile unsigned long spurious, apic_errors;

static void apic_interrupt(struct trap_frame *frame)
{
    irq_handler_fn handler = irq.handlers[frame->vector];

    if (handler)
        handler();
    lapic_eoi();
}

/* No end of interrupt for a spurious vector (SDM 3A 11.9): nothing is in service. */
static void apic_spurious(struct trap_frame *frame)
{
    (void)frame;
    spurious++;
}

static void apic_error(struct trap_frame *frame)
{
    (void)frame;
    const struct lapic_bus *bus = lapic_bus();
    bus->write(LAPIC_ESR, 0); /* latch the errors into the ESR, then read them */
    uint32_t esr = bus->read(LAPIC_ESR);
    if (apic_errors++ == 0)
        kprintf("irq: local APIC error, ESR 0x%x\n", esr);
    lapic_eoi();
}

static void pic_interrupt(struct trap_frame *frame)
{
    irq_handler_fn handler = irq.pic_handlers[frame->vector - VECTOR_PIC_MASTER];

    if (handler)
        handler();
}

/* Probe every IOAPIC the MADT lists; those that do not answer are reported and left out. */
static void find_ioapics(const struct acpi_madt *madt)
{
    for (size_t i = 0; i < madt->ioapic_count; i++) {
        const struct madt_ioapic *m = &madt->ioapics[i];
        unsigned inputs = ioapic_probe(m->phys);
        if (inputs == 0) {
            kprintf("irq: IOAPIC %u at 0x%x does not respond, ignored\n", m->id, m->phys);
            continue;
        }
        struct ioapic *io = &irq.ioapics[irq.ioapic_count++];
        *io = (struct ioapic){
            .phys = m->phys, .gsi_base = m->gsi_base, .inputs = inputs, .id = ioapic_id(m->phys)};
        for (unsigned pin = 0; pin < inputs; pin++)
            ioapic_route(io->phys, pin, 0, 0, false, false, true); /* masked until routed */
    }
}

/* The MADT's NMI wiring of this processor's LINT pins (entries for it or for every one). */
static unsigned nmi_pins(const struct acpi_madt *madt, uint32_t uid, struct lapic_nmi_pin *pins)
{
    unsigned n = 0;

    for (size_t i = 0; i < madt->nmi_count && n < 2; i++) {
        const struct madt_local_nmi *m = &madt->nmis[i];
        if (m->uid == MADT_UID_ALL || m->uid == uid)
            pins[n++] = (struct lapic_nmi_pin){.lint = m->lint,
                                               .active_low = m->polarity == MADT_ACTIVE_LOW,
                                               .level = m->trigger == MADT_LEVEL};
    }
    return n;
}

/* This processor in the MADT, by APIC ID; NULL if the MADT does not list it. */
static const struct madt_cpu *madt_cpu(const struct acpi_madt *madt, uint32_t apic_id)
{
    for (size_t i = 0; i < madt->cpu_count; i++) {
        if (madt->cpus[i].apic_id == apic_id)
            return &madt->cpus[i];
    }
    return NULL;
}

/* Switch the local APIC on; false (reported) if there is none to use. */
static bool local_apic_init(const struct acpi_madt *madt, bool allow_x2apic)
{
    struct lapic_nmi_pin pins[2];

    irq.lapic = lapic_enable(madt->lapic_phys, allow_x2apic);
    if (irq.lapic == LAPIC_NONE) {
        kprintf("irq: no usable local APIC (CPUID, or its registers cannot be mapped)\n");
        return false;
    }
    irq.lapic_id = lapic_bus_id(lapic_bus());
    const struct madt_cpu *cpu = madt_cpu(madt, irq.lapic_id);
    if (!cpu)
        kprintf("irq: local APIC ID %u is not in the MADT; NMI wiring taken for every CPU\n",
                irq.lapic_id);
    trap_register(VECTOR_APIC_SPURIOUS, apic_spurious);
    trap_register(VECTOR_APIC_ERROR, apic_error);
    lapic_setup(lapic_bus(), VECTOR_APIC_SPURIOUS, VECTOR_APIC_ERROR, pins,
                nmi_pins(madt, cpu ? cpu->uid : MADT_UID_ALL, pins));
    return true;
}

static void summary(void)
{
    if (irq.controller == IRQ_PIC) {
        kprintf("irq: 8259 PICs (IRQ 0-15 on vectors 0x%x-0x%x)\n", VECTOR_PIC_MASTER,
                VECTOR_PIC_SLAVE + 7);
        return;
    }
    struct madt_override pit = acpi_madt_isa_irq(irq.madt, 0);
    kprintf("irq: local APIC %u (%s)", irq.lapic_id, irq_lapic_mode());
    for (unsigned i = 0; i < irq.ioapic_count; i++)
        kprintf(", IOAPIC %u at 0x%x, %u inputs", irq.ioapics[i].id, irq.ioapics[i].phys,
                irq.ioapics[i].inputs);
    kprintf(", IRQ 0 -> GSI %u\n", pit.gsi);
}

void irq_init(const struct acpi_system *sys, const struct boot_info *info)
{
    char word[8] = "";
    bool allow_x2apic = true;

    irq.controller = IRQ_PIC;
    if (boot_info_cmdline_get(info, "apic", word, sizeof(word)))
        allow_x2apic = word[0] != 'x' || word[1] != 'a'; /* "apic=xapic" */
    if (boot_info_cmdline_get(info, "irq", word, sizeof(word)) && word[0] == 'p') {
        kprintf("irq: the command line asks for the 8259 PICs\n");
    } else if (!sys->has_madt) {
        kprintf("irq: no MADT, so no IOAPIC to use: the 8259 PICs deliver IRQs\n");
    } else {
        irq.madt = &sys->madt;
        find_ioapics(irq.madt);
        if (irq.ioapic_count == 0)
            kprintf("irq: no usable IOAPIC: the 8259 PICs deliver IRQs\n");
        else if (local_apic_init(irq.madt, allow_x2apic))
            irq.controller = IRQ_APIC;
    }
    summary();
}

const char *irq_init_this_cpu(uint32_t acpi_uid)
{
    struct lapic_nmi_pin pins[2];

    if (irq.controller != IRQ_APIC)
        return "the BSP runs without a local APIC";
    if (lapic_enable_this_cpu(irq.lapic) == LAPIC_NONE)
        return "its local APIC cannot be switched to the BSP's mode";
    lapic_setup(lapic_bus(), VECTOR_APIC_SPURIOUS, VECTOR_APIC_ERROR, pins,
                nmi_pins(irq.madt, acpi_uid, pins));
    return NULL;
}

const struct acpi_madt *irq_madt(void)
{
    return irq.controller == IRQ_APIC ? irq.madt : NULL;
}

enum irq_controller irq_controller(void)
{
    return irq.controller;
}

/* The IOAPIC input that carries gsi; false if no IOAPIC has it. */
static bool find_pin(uint32_t gsi, unsigned *ioapic, unsigned *pin)
{
    for (unsigned i = 0; i < irq.ioapic_count; i++) {
        const struct ioapic *io = &irq.ioapics[i];
        if (gsi >= io->gsi_base && gsi - io->gsi_base < io->inputs) {
            *ioapic = i;
            *pin = gsi - io->gsi_base;
            return true;
        }
    }
    return false;
}

static int route_index(unsigned irq_number)
{
    for (unsigned i = 0; i < irq.route_count; i++) {
        if (irq.routes[i].irq == irq_number)
            return (int)i;
    }
    return -1;
}

/* How the line behaves: an ISA IRQ as the overrides say, a GSI as a PCI line. */
static struct irq_route line_of(unsigned irq_number)
{
    if (irq_number < ISA_IRQS) {
        struct madt_override o = acpi_madt_isa_irq(irq.madt, (uint8_t)irq_number);
        return (struct irq_route){.gsi = o.gsi,
                                  .level = o.trigger == MADT_LEVEL,
                                  .active_low = o.polarity == MADT_ACTIVE_LOW};
    }
    return (struct irq_route){.gsi = irq_number, .level = true, .active_low = true};
}

static const char *route_apic(unsigned irq_number, irq_handler_fn handler)
{
    struct irq_route r = line_of(irq_number);

    if (route_index(irq_number) >= 0)
        return "irq: already routed";
    if (!find_pin(r.gsi, &r.ioapic, &r.pin))
        return "irq: no IOAPIC has that GSI";
    if (irq.lapic_id > XAPIC_MAX_DEST)
        return "irq: this CPU's APIC ID does not fit an IOAPIC entry (needs interrupt remapping)";
    if (irq.next_vector > VECTOR_IRQ_LAST || irq.route_count == ROUTES_MAX)
        return "irq: out of interrupt vectors";
    r.vector = (uint8_t)irq.next_vector++;
    irq.handlers[r.vector] = handler;
    trap_register(r.vector, apic_interrupt);
    irq.routes[irq.route_count].irq = irq_number;
    irq.routes[irq.route_count++].route = r;
    ioapic_route(irq.ioapics[r.ioapic].phys, r.pin, r.vector, (uint8_t)irq.lapic_id, r.active_low,
                 r.level, false);
    kprintf("irq: %s %u -> GSI %u: IOAPIC %u pin %u, vector 0x%x, %s, active %s\n",
            irq_number < ISA_IRQS ? "ISA IRQ" : "GSI", irq_number, r.gsi, irq.ioapics[r.ioapic].id,
            r.pin, r.vector, r.level ? "level" : "edge", r.active_low ? "low" : "high");
    return NULL;
}

static const char *route_locked(unsigned irq_number, irq_handler_fn handler)
{
    if (irq.controller == IRQ_APIC)
        return route_apic(irq_number, handler);
    if (irq_number >= ISA_IRQS)
        return "irq: a GSI above 15 needs an IOAPIC";
    irq.pic_handlers[irq_number] = handler;
    pic_route(irq_number, pic_interrupt);
    return NULL;
}

const char *irq_route(unsigned irq_number, irq_handler_fn handler)
{
    irqflags_t flags = spin_lock(&routing_lock);
    const char *error = route_locked(irq_number, handler);

    spin_unlock(&routing_lock, flags);
    return error;
}

static void unroute_locked(unsigned irq_number)
{
    if (irq.controller == IRQ_PIC) {
        if (irq_number < ISA_IRQS) {
            pic_unroute(irq_number);
            irq.pic_handlers[irq_number] = NULL;
        }
        return;
    }
    int i = route_index(irq_number);
    if (i < 0)
        return;
    struct irq_route *r = &irq.routes[i].route;
    ioapic_set_masked(irq.ioapics[r->ioapic].phys, r->pin, true);
    /* the vector keeps the dispatcher, which now finds no handler: a late one is only EOIed */
    irq.handlers[r->vector] = NULL;
    irq.routes[i] = irq.routes[--irq.route_count];
}

void irq_unroute(unsigned irq_number)
{
    irqflags_t flags = spin_lock(&routing_lock);

    unroute_locked(irq_number);
    spin_unlock(&routing_lock, flags);
}

bool irq_route_of(unsigned irq_number, struct irq_route *route)
{
    irqflags_t flags = spin_lock(&routing_lock);
    int i = route_index(irq_number);

    if (i >= 0)
        *route = irq.routes[i].route;
    spin_unlock(&routing_lock, flags);
    return i >= 0;
}

void irq_local(unsigned vector, irq_handler_fn handler)
{
    irqflags_t flags = spin_lock(&routing_lock);

    irq.handlers[vector] = handler;
    trap_register(vector, apic_interrupt);
    spin_unlock(&routing_lock, flags);
}

uint32_t irq_lapic_id(void)
{
    return irq.lapic_id;
}

const char *irq_lapic_mode(void)
{
    return irq.lapic == LAPIC_X2APIC ? "x2APIC" : irq.lapic == LAPIC_XAPIC ? "xAPIC" : "none";
}

unsigned long irq_spurious_count(void)
{
    return spurious;
}

unsigned long irq_apic_error_count(void)
{
    return apic_errors;
}

/* SPDX-License-Identifier: MIT */
/*
 * 8259A PIC driver. The kernel's interrupts go through the local APIC and IOAPIC on any current
 * machine; the PICs still exist there and must be moved off the exception vectors and masked, or
 * the first sti turns the BIOS's timer tick into a "double fault". Their inputs remain usable
 * for machines (and tests) without an IOAPIC.
 */
#include <arch/idt.h>
#include <arch/io.h>
#include <arch/pc/pic8259.h>

static trap_handler_fn irq_handlers[PIC_LINES]; /* written with the line masked */
static unsigned long spurious;

static void io_delay(void)
{
    outb(IO_DELAY_PORT, 0);
}

/* The ICW sequence of the data sheet, for one PIC: ICW1 on the command port, ICW2-4 on data. */
static void init_one(uint16_t command, uint16_t data, uint8_t vector, uint8_t icw3)
{
    outb(command, ICW1_INIT | ICW1_IC4);
    io_delay();
    outb(data, vector);
    io_delay();
    outb(data, icw3);
    io_delay();
    outb(data, ICW4_8086);
    io_delay();
}

static void set_masks(uint16_t masks)
{
    outb(PIC_MASTER_DATA, (uint8_t)masks);
    outb(PIC_SLAVE_DATA, (uint8_t)(masks >> 8));
}

uint16_t pic_mask_register(void)
{
    return (uint16_t)(inb(PIC_SLAVE_DATA) << 8 | inb(PIC_MASTER_DATA));
}

static uint16_t in_service(void)
{
    outb(PIC_MASTER_COMMAND, OCW3 | OCW3_READ_REG | OCW3_READ_ISR);
    outb(PIC_SLAVE_COMMAND, OCW3 | OCW3_READ_REG | OCW3_READ_ISR);
    return (uint16_t)(inb(PIC_SLAVE_COMMAND) << 8 | inb(PIC_MASTER_COMMAND));
}

static void end_of_interrupt(unsigned irq)
{
    if (irq >= 8)
        outb(PIC_SLAVE_COMMAND, OCW2_EOI);
    outb(PIC_MASTER_COMMAND, OCW2_EOI); /* the slave's IRQs are in service on input 2 too */
}

/*
 * A spurious IRQ 7 or 15 has its ISR bit clear: nothing is in service, so no EOI for that PIC.
 * The master did see the slave's INT on input 2, though: a spurious 15 needs the master's EOI.
 */
static bool is_spurious(unsigned irq)
{
    if (irq % 8 != PIC_SPURIOUS_IRQ || (in_service() & BIT(irq)))
        return false;
    if (irq >= 8)
        outb(PIC_MASTER_COMMAND, OCW2_EOI);
    spurious++;
    return true;
}

/* Runs in interrupt context for every PIC vector that has a handler or may be spurious. */
static void pic_interrupt(struct trap_frame *frame)
{
    unsigned irq = (unsigned)frame->vector - VECTOR_PIC_MASTER;

    if (is_spurious(irq))
        return;
    if (!irq_handlers[irq]) {
        trap_unhandled(frame);
        return;
    }
    irq_handlers[irq](frame);
    end_of_interrupt(irq);
}

void pic_init(void)
{
    init_one(PIC_MASTER_COMMAND, PIC_MASTER_DATA, VECTOR_PIC_MASTER, ICW3_MASTER);
    init_one(PIC_SLAVE_COMMAND, PIC_SLAVE_DATA, VECTOR_PIC_SLAVE, ICW3_SLAVE);
    /* ICW1 cleared the masks: set them only now. The cascade input stays masked too, so nothing
     * from either PIC reaches the CPU until a driver asks. */
    set_masks(PIC_MASK_ALL << 8 | PIC_MASK_ALL);
    trap_register(VECTOR_PIC_MASTER + PIC_SPURIOUS_IRQ, pic_interrupt);
    trap_register(VECTOR_PIC_SLAVE + PIC_SPURIOUS_IRQ, pic_interrupt);
}

void pic_route(unsigned irq, trap_handler_fn handler)
{
    if (irq >= PIC_LINES || irq == PIC_CASCADE_IRQ)
        return;
    irq_handlers[irq] = handler;
    trap_register(VECTOR_PIC_MASTER + irq, pic_interrupt);
    uint16_t masks = pic_mask_register() & (uint16_t)~BIT(irq);
    if (irq >= 8)
        masks &= (uint16_t)~BIT(PIC_CASCADE_IRQ); /* the slave reaches the CPU through input 2 */
    set_masks(masks);
}

void pic_unroute(unsigned irq)
{
    if (irq >= PIC_LINES || irq == PIC_CASCADE_IRQ)
        return;
    set_masks(pic_mask_register() | (uint16_t)BIT(irq));
    if (irq % 8 != PIC_SPURIOUS_IRQ)
        trap_register(VECTOR_PIC_MASTER + irq, NULL);
    irq_handlers[irq] = NULL;
}

unsigned long pic_spurious_count(void)
{
    return spurious;
}

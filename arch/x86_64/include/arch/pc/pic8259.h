/* SPDX-License-Identifier: MIT */
/*
 * The PC's two cascaded 8259A programmable interrupt controllers (Intel 8259A data sheet): their
 * ports, initialisation and operation command words, and the driver's interface.
 */
#ifndef ARCH_PC_PIC8259_H
#define ARCH_PC_PIC8259_H

#include <arch/bits.h>

#define PIC_MASTER_COMMAND 0x20 /* ICW1, OCW2, OCW3; reads IRR or ISR as OCW3 chose */
#define PIC_MASTER_DATA    0x21 /* ICW2-4 during initialisation, then OCW1 (the mask register) */
#define PIC_SLAVE_COMMAND  0xa0
#define PIC_SLAVE_DATA     0xa1

/* ICW1, written to the command port: starts initialisation and clears the mask register. */
#define ICW1_IC4        BIT(0) /* an ICW4 follows */
#define ICW1_INIT       BIT(4) /* this is ICW1 (D4 = 1); D1 = 0 cascade, D3 = 0 edge-triggered */
/* ICW2: the vector of input 0 (bits 3-7); the inputs follow in order. */
/* ICW3: on the master, which inputs have a slave; on the slave, which master input it is on. */
#define PIC_CASCADE_IRQ 2 /* the slave's INT line goes to master input 2 on every PC */
#define ICW3_MASTER     BIT(PIC_CASCADE_IRQ)
#define ICW3_SLAVE      PIC_CASCADE_IRQ
/* ICW4 */
#define ICW4_8086       BIT(0) /* 8086 mode: the PIC puts a vector on the bus (else 8080 call) */

/* OCW2: end of interrupt; OCW3: choose which register the command port reads next. */
#define OCW2_EOI      BIT(5) /* non-specific EOI: clear the highest-priority ISR bit */
#define OCW3          BIT(3) /* D3 = 1, D4 = 0 marks an OCW3 */
#define OCW3_READ_REG BIT(1) /* RR: the next command-port read returns IRR or ISR */
#define OCW3_READ_ISR BIT(0) /* RIS: ... the in-service register */

#define PIC_MASK_ALL 0xff
#define PIC_SPURIOUS_IRQ                                                                           \
    7 /* the lowest-priority input: what a PIC reports when the line that                          \
         raised INT went away before the CPU acknowledged it */

/* A write to the POST diagnostic port takes about 1 us on the ISA bus: old 8259s need that much
 * between initialisation words. Nothing listens there. */
#define IO_DELAY_PORT 0x80

#ifndef __ASSEMBLER__
#include <arch/trap.h>
#include <stdbool.h>
#include <stdint.h>

/* Remap the PICs to VECTOR_PIC_MASTER/SLAVE and mask every input. Interrupts must be off. */
void pic_init(void);
/* Run handler for IRQ irq (0-15) and unmask it; the driver sends the EOI after the handler. */
void pic_route(unsigned irq, trap_handler_fn handler);
/* Mask IRQ irq again and forget its handler. */
void pic_unroute(unsigned irq);
/* The 16 inputs' mask bits (1 = masked), slave in the high byte, as the PICs hold them. */
uint16_t pic_mask_register(void);
/* How many spurious IRQ 7 and 15 the PICs sent (recognised by a clear ISR bit, not EOIed). */
unsigned long pic_spurious_count(void);
#endif

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Kernel stacks made at run time, for other CPUs and for threads: each in a slot of its own at
 * KSTACK_REGION_BASE (arch/memlayout.h), mapped at the top of the slot with at least a page of
 * unmapped address space below it, so an overflow faults and is reported with the stack's name.
 */
#ifndef CYAN_KSTACK_H
#define CYAN_KSTACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KSTACK_DEFAULT_SIZE 0x4000 /* 16 KiB, as the boot CPU's kernel stack */
#define KSTACK_NAME_MAX     24

struct kstack {
    char *bottom, *top; /* [bottom, top): the usable stack; NULL when there is none */
};

/*
 * A stack of size bytes (rounded up to pages, at most KSTACK_SLOT_SIZE minus a page) named name
 * (copied; it names the stack in an overflow report). False if out of slots or frames. Any CPU,
 * not from an interrupt handler (it takes a lock and may split page tables).
 */
bool kstack_alloc(struct kstack *stack, size_t size, const char *name);
/* Give it a new name for overflow reports (a stack used again by another owner). */
void kstack_rename(struct kstack *stack, const char *name);
/* Unmap and free it; the stack must not be in use on any CPU. */
void kstack_free(struct kstack *stack);
/* The name of the stack whose guard area holds addr, or NULL if addr is not below a live stack
 * of this region. Any context (the double-fault handler asks it). */
const char *kstack_guard_owner(uintptr_t addr);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Run-time kernel stacks: one slot of KSTACK_SLOT_SIZE each in the stack region, frames mapped
 * at its top, everything below them left unmapped as the guard. The stack's name sits in a small
 * header above its top, where a fault report can read it without any table.
 */
#include "kstack.h"

#include "frame.h"
#include "sync/spinlock.h"

#include <arch/memlayout.h>
#include <arch/paging.h>
#include <string.h>

#define KSTACK_MAGIC  0x6b737461636b2121ull /* "kstack!!": a live slot's header */
#define BITS_PER_WORD 64

/* At the very top of a slot, above the stack. */
struct kstack_header {
    uint64_t magic;
    char name[KSTACK_NAME_MAX];
};

static struct spinlock lock = SPINLOCK_INIT("kstack");
static uint64_t used[KSTACK_SLOTS / BITS_PER_WORD];

static uintptr_t slot_base(unsigned slot)
{
    return KSTACK_REGION_BASE + (uintptr_t)slot * KSTACK_SLOT_SIZE;
}

static struct kstack_header *slot_header(unsigned slot)
{
    return (struct kstack_header *)(slot_base(slot) + KSTACK_SLOT_SIZE) - 1;
}

static bool slot_used(unsigned slot)
{
    return __atomic_load_n(&used[slot / BITS_PER_WORD], __ATOMIC_ACQUIRE) &
           (1ull << (slot % BITS_PER_WORD));
}

/* A free slot, marked used; KSTACK_SLOTS if none. */
static unsigned claim_slot(void)
{
    irqflags_t flags = spin_lock(&lock);
    unsigned slot = KSTACK_SLOTS;

    for (unsigned w = 0; w < KSTACK_SLOTS / BITS_PER_WORD && slot == KSTACK_SLOTS; w++) {
        if (used[w] != UINT64_MAX) {
            unsigned bit = (unsigned)__builtin_ctzll(~used[w]);
            __atomic_fetch_or(&used[w], 1ull << bit, __ATOMIC_RELEASE);
            slot = w * BITS_PER_WORD + bit;
        }
    }
    spin_unlock(&lock, flags);
    return slot;
}

static void release_slot(unsigned slot)
{
    __atomic_fetch_and(&used[slot / BITS_PER_WORD], ~(1ull << (slot % BITS_PER_WORD)),
                       __ATOMIC_RELEASE);
}

/* Unmap the pages of [from, to) in the slot and free their frames. */
static void unmap_pages(uintptr_t from, uintptr_t to)
{
    for (uintptr_t va = from; va < to; va += PAGE_SIZE) {
        phys_addr_t phys;
        uint64_t flags;
        if (paging_query(&kernel_space, va, &phys, &flags) && paging_unmap(&kernel_space, va))
            frame_free(phys, 0);
    }
}

/* Frames for [from, slot end); false (nothing left mapped) if frames or page tables run out. */
static bool map_pages(uintptr_t from, uintptr_t to)
{
    for (uintptr_t va = from; va < to; va += PAGE_SIZE) {
        phys_addr_t frame = frame_alloc(0, FRAME_ZERO);
        if (!frame || !paging_map(&kernel_space, va, frame, PAGE_READ_WRITE)) {
            if (frame)
                frame_free(frame, 0);
            unmap_pages(from, va);
            return false;
        }
    }
    return true;
}

static void set_name(struct kstack_header *h, const char *name)
{
    size_t n = strlen(name);

    n = n < sizeof(h->name) - 1 ? n : sizeof(h->name) - 1;
    memcpy(h->name, name, n);
    h->name[n] = '\0';
}

bool kstack_alloc(struct kstack *stack, size_t size, const char *name)
{
    size_t pages = (size + sizeof(struct kstack_header) + PAGE_SIZE - 1) / PAGE_SIZE;

    stack->bottom = stack->top = NULL;
    if (pages == 0 || pages > KSTACK_SLOT_SIZE / PAGE_SIZE - 1)
        return false;
    unsigned slot = claim_slot();
    if (slot == KSTACK_SLOTS)
        return false;
    uintptr_t end = slot_base(slot) + KSTACK_SLOT_SIZE, start = end - pages * PAGE_SIZE;
    if (!map_pages(start, end)) {
        release_slot(slot);
        return false;
    }
    struct kstack_header *h = slot_header(slot);
    h->magic = KSTACK_MAGIC;
    set_name(h, name);
    stack->bottom = (char *)start;
    /* 16-byte aligned, as the ABI wants rsp before a call */
    stack->top = (char *)((uintptr_t)h & ~(uintptr_t)15);
    return true;
}

static unsigned slot_of(const struct kstack *stack)
{
    return (unsigned)(((uintptr_t)stack->bottom - KSTACK_REGION_BASE) / KSTACK_SLOT_SIZE);
}

void kstack_rename(struct kstack *stack, const char *name)
{
    if (stack->bottom)
        set_name(slot_header(slot_of(stack)), name);
}

void kstack_free(struct kstack *stack)
{
    if (!stack->bottom)
        return;
    unsigned slot = slot_of(stack);
    slot_header(slot)->magic = 0;
    unmap_pages((uintptr_t)stack->bottom, slot_base(slot) + KSTACK_SLOT_SIZE);
    release_slot(slot);
    stack->bottom = stack->top = NULL;
}

const char *kstack_guard_owner(uintptr_t addr)
{
    if (addr < KSTACK_REGION_BASE ||
        addr - KSTACK_REGION_BASE >= (uint64_t)KSTACK_SLOTS * KSTACK_SLOT_SIZE)
        return NULL;
    unsigned slot = (unsigned)((addr - KSTACK_REGION_BASE) / KSTACK_SLOT_SIZE);
    phys_addr_t phys;
    uint64_t flags;
    if (!slot_used(slot) || paging_query(&kernel_space, addr, &phys, &flags))
        return NULL; /* a mapped address is the stack itself, not its guard */
    const struct kstack_header *h = slot_header(slot);
    return h->magic == KSTACK_MAGIC ? h->name : NULL;
}

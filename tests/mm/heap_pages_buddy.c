/* SPDX-License-Identifier: MIT */
/*
 * The heap's page source for the benchmark: the kernel's buddy allocator (src/mm/buddy.c) over
 * an arena of host memory, so that the heap's page runs cost what they cost in the kernel rather
 * than what the C library's aligned_alloc costs.
 */
#include "buddy.h"
#include "heap_pages.h"

#include <stdio.h>
#include <stdlib.h>

/* Arena "physical" addresses start at ARENA_BASE (frame 0 means "none" to the allocator); the
 * arena is aligned to the largest run, so a run's address is as aligned as its frame number. */
#define ARENA_BYTES ((size_t)256 << 20)
#define RUN_MAX     ((size_t)FRAME_SIZE << (FRAME_ORDERS - 1))
#define ARENA_BASE  RUN_MAX

static struct buddy pages;
static unsigned char *arena;

static void *to_virt(phys_addr_t frame)
{
    return arena + (frame - ARENA_BASE);
}

static void refuse(const char *what, phys_addr_t frame, unsigned order, const void *caller)
{
    fprintf(stderr, "heap_pages_free: frame %#lx (order %u) %s, from %p\n", (unsigned long)frame,
            order, what, caller);
    abort();
}

static void arena_init(void)
{
    static uint8_t state[(ARENA_BASE + ARENA_BYTES) / FRAME_SIZE];
    static struct buddy_link links[(ARENA_BASE + ARENA_BYTES) / FRAME_SIZE];
    arena = aligned_alloc(RUN_MAX, ARENA_BYTES);
    if (!arena) {
        fprintf(stderr, "heap_pages: no memory for a %zu MiB arena\n", ARENA_BYTES >> 20);
        abort();
    }
    buddy_init(&pages, state, links, sizeof(state), to_virt, refuse);
    buddy_add_range(&pages, ARENA_BASE, ARENA_BYTES);
}

void *heap_pages_alloc(unsigned order)
{
    if (!arena)
        arena_init();
    phys_addr_t run = buddy_alloc(&pages, order, 0);
    return run ? to_virt(run) : NULL;
}

void heap_pages_free(void *run, unsigned order)
{
    buddy_free(&pages, (phys_addr_t)((unsigned char *)run - arena) + ARENA_BASE, order,
               __builtin_return_address(0));
}

/* The benchmark runs the heap on one thread: no lock to take. */
void heap_lock(void)
{
}

void heap_unlock(void)
{
}

noreturn void heap_fault_report(const struct heap_fault *fault)
{
    fprintf(stderr, "heap: %s: block %p (%zu bytes), called from %p\n", fault->what, fault->block,
            fault->size, (void *)fault->caller);
    abort();
}

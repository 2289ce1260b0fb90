/* SPDX-License-Identifier: MIT */
/* The heap's page source and fault report on the host (see heap_host.h). */
#include "heap_host.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static size_t outstanding;
static size_t limit = SIZE_MAX;
jmp_buf *fault_catcher;
static int lock_depth; /* one thread: the lock only checks that it is taken and left in pairs */

void heap_lock(void)
{
    if (lock_depth++ != 0) {
        fprintf(stderr, "heap_lock: taken while held (a heap entry point re-entered)\n");
        abort();
    }
}

void heap_unlock(void)
{
    if (--lock_depth != 0) {
        fprintf(stderr, "heap_unlock: not held\n");
        abort();
    }
}
struct heap_fault last_fault;

size_t host_pages_outstanding(void)
{
    return outstanding;
}

void host_pages_set_limit(size_t pages)
{
    limit = pages;
}

void *heap_pages_alloc(unsigned order)
{
    if (order > HEAP_MAX_ORDER) {
        fprintf(stderr, "heap_pages_alloc: order %u is beyond the page source's largest\n", order);
        abort();
    }
    size_t pages = (size_t)1 << order;
    if (pages > limit || outstanding > limit - pages)
        return NULL;
    /* the frame allocator's runs are aligned to their size; the heap relies on it */
    void *run = aligned_alloc(pages * HEAP_PAGE_SIZE, pages * HEAP_PAGE_SIZE);
    if (run)
        outstanding += pages;
    return run;
}

void heap_pages_free(void *pages, unsigned order)
{
    size_t bytes = (size_t)HEAP_PAGE_SIZE << order;
    /* what frame_free would panic on: a run given back with the wrong order */
    if ((uintptr_t)pages % bytes != 0 || malloc_usable_size(pages) < bytes) {
        fprintf(stderr, "heap_pages_free: %p is not a run of order %u\n", pages, order);
        abort();
    }
    outstanding -= (size_t)1 << order;
    free(pages);
}

noreturn void heap_fault_report(const struct heap_fault *fault)
{
    last_fault = *fault;
    if (fault_catcher)
        longjmp(*fault_catcher, 1);
    fprintf(stderr, "heap: %s: block %p (%zu bytes), called from %p\n", fault->what, fault->block,
            fault->size, (void *)fault->caller);
    abort();
}

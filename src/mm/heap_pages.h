/* SPDX-License-Identifier: MIT */
/*
 * What the heap needs from its environment: pages, a lock, and a way to report misuse. The kernel's
 * implementation (heap_pages.c) uses the frame allocator and panic; the host tests' uses
 * aligned_alloc and a hook, so that the same heap.c runs in both.
 */
#ifndef CYAN_HEAP_PAGES_H
#define CYAN_HEAP_PAGES_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define HEAP_PAGE_SHIFT 12
#define HEAP_PAGE_SIZE  (1u << HEAP_PAGE_SHIFT)
#define HEAP_MAX_ORDER  10 /* runs of up to 2^10 pages (4 MiB), the frame allocator's largest */

/*
 * A run of 2^order pages aligned to its own size (as the frame allocator's runs are), or NULL if
 * none is free. The contents are undefined.
 */
void *heap_pages_alloc(unsigned order);
/* Give back a run heap_pages_alloc returned, with the same order. */
void heap_pages_free(void *pages, unsigned order);

/*
 * The heap's lock, around every public entry point (heap_enter, heap_leave). The kernel's is a
 * spinlock taken with interrupts masked; heap_pages_alloc and heap_pages_free run inside it.
 */
void heap_lock(void);
void heap_unlock(void);

/* A misuse of the heap the heap caught; caller is a return address in the code that called it. */
struct heap_fault {
    const char *what;  /* "double free", "red zone overwritten", ... */
    const void *block; /* the pointer the caller passed, or the block that was found damaged */
    size_t size;       /* the block's size when known, else 0 */
    uintptr_t caller;
};

/* Reports the fault and does not return (the kernel panics). The heap is left consistent. */
noreturn void heap_fault_report(const struct heap_fault *fault);

#endif

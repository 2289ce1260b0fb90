/* SPDX-License-Identifier: MIT */
/* The kernel heap: kmalloc and friends, small objects from slabs, large ones from page runs. */
#ifndef CYAN_HEAP_H
#define CYAN_HEAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Who may call: any code on any CPU, with interrupts on or off, interrupt handlers included (the
 * heap's spinlock masks them while held). Not NMI handlers: an NMI can strike the lock's holder
 * on its own CPU.
 *
 * Every block is aligned to at least HEAP_MIN_ALIGN bytes. A failed allocation returns NULL and
 * changes nothing. Handing the heap a pointer it did not give out, or one it already took back,
 * stops the kernel with a panic naming the caller (always for large blocks, and for every block
 * in a kernel built with HEAP_DEBUG).
 */
#define HEAP_MIN_ALIGN 16
/* Largest alignment kmalloc_aligned accepts: that of the frame allocator's largest run. */
#define HEAP_MAX_ALIGN (4096u << 10)

void *kmalloc(size_t size);
/* kmalloc, with the block zeroed */
void *kzalloc(size_t size);
/* An array of count elements of size bytes, zeroed; NULL if count * size overflows. */
void *kcalloc(size_t count, size_t size);
/*
 * A block aligned to align (a power of two up to HEAP_MAX_ALIGN, else NULL). Free it with kfree
 * and resize it with krealloc like any other; krealloc keeps only the minimum alignment.
 */
void *kmalloc_aligned(size_t size, size_t align);
/*
 * Resize: the first min(old, new) bytes are kept, in place when the block has room. NULL as the
 * pointer is kmalloc; size 0 frees the block and returns NULL. On failure NULL is returned and
 * the old block is left as it was.
 */
void *krealloc(void *block, size_t size);
/* Give a block back; NULL is ignored. */
void kfree(void *block);

/* Size classes: small blocks of up to HEAP_SMALL_MAX bytes come from slabs of one class each. */
#define HEAP_CLASSES   20
#define HEAP_SMALL_MAX 1024

struct heap_class_stats {
    uint32_t size;  /* bytes per block of this class */
    uint32_t live;  /* blocks handed out */
    uint32_t slabs; /* pages holding this class's blocks */
};

/*
 * What the heap holds. Small blocks count at their class's size, large ones at the size asked
 * for; pages are 4 KiB pages taken from the frame allocator (slabs, large runs and the table of
 * large blocks), so pages_held * 4096 / bytes_live is the heap's overhead.
 */
struct heap_stats {
    size_t bytes_live;  /* bytes in blocks handed out and not freed */
    size_t bytes_peak;  /* highest bytes_live seen */
    size_t pages_held;  /* pages taken from the frame allocator and not given back */
    size_t pages_peak;  /* highest pages_held seen */
    size_t large_live;  /* large blocks (page runs) handed out */
    size_t large_pages; /* pages in those runs */
    uint64_t allocs;    /* successful allocations (krealloc that moves counts one) */
    uint64_t frees;     /* blocks given back */
    uint64_t failures;  /* allocations that returned NULL */
    struct heap_class_stats classes[HEAP_CLASSES];
};

struct heap_stats heap_stats(void);

#endif

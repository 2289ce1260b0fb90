/* SPDX-License-Identifier: MIT */
/* The kernel heap: size classes carved from one-page slabs, and the kmalloc family on top. */
#include "heap.h"
#include "heap_internal.h"

#include <string.h>

/*
 * A slab is one page: this header, then blocks of one size class. The header sits at the start
 * of the page, so a small block's slab is its address rounded down to a page, and no small block
 * starts on a page boundary: kfree tells small blocks (inside a page) from large ones (page runs,
 * so page-aligned) by the address alone. Blocks are aligned to the largest power of two that
 * divides their class's size (a 64-byte block to 64, a 96-byte one to 32), which is what lets
 * kmalloc_aligned use the power-of-two classes.
 */
struct slab {
    uint32_t magic; /* SLAB_MAGIC while the page is a slab: debug builds check it on free */
    uint16_t class_index;
    uint16_t in_use;
    void *free;               /* first free block; each free block holds the next */
    struct slab *prev, *next; /* the class's partial list */
};
#define SLAB_MAGIC 0x51ab51abu

#define SLAB_HEADER    sizeof(struct slab)
#define LOWEST_BIT(s)  ((s) & -(s))
#define FIRST_BLOCK(s) ((SLAB_HEADER + LOWEST_BIT(s) - 1) & ~(LOWEST_BIT(s) - 1))
#define SIZE_CLASS(s)                                                                              \
    {                                                                                              \
        s, FIRST_BLOCK(s), (HEAP_PAGE_SIZE - FIRST_BLOCK(s)) / (s)                                 \
    }
#define PAGE_OFFSET(p) ((uintptr_t)(p) & (HEAP_PAGE_SIZE - 1))
#define SLAB_OF(p)     ((struct slab *)((uintptr_t)(p) & ~(uintptr_t)(HEAP_PAGE_SIZE - 1)))

/*
 * Sizes step by 16 up to 128, then by a quarter of the power of two below: a block wastes at
 * most a quarter of its slot (12.5% on average), and the steps are simple enough for class_of
 * to compute rather than look up.
 */
static const struct size_class {
    uint16_t size, first, count; /* block size, offset of the first block, blocks per slab */
} size_classes[HEAP_CLASSES] = {
    SIZE_CLASS(16),  SIZE_CLASS(32),  SIZE_CLASS(48),  SIZE_CLASS(64),  SIZE_CLASS(80),
    SIZE_CLASS(96),  SIZE_CLASS(112), SIZE_CLASS(128), SIZE_CLASS(160), SIZE_CLASS(192),
    SIZE_CLASS(224), SIZE_CLASS(256), SIZE_CLASS(320), SIZE_CLASS(384), SIZE_CLASS(448),
    SIZE_CLASS(512), SIZE_CLASS(640), SIZE_CLASS(768), SIZE_CLASS(896), SIZE_CLASS(1024),
};
_Static_assert(HEAP_SMALL_MAX == 1024, "the last size class is HEAP_SMALL_MAX");

static struct {
    struct slab *partial; /* slabs with both free and used blocks; allocation takes the first */
    struct slab *empty;   /* one wholly free slab kept back, so that a class whose use goes up
                             and down by one block does not take and return a page each time */
} classes[HEAP_CLASSES];

struct heap_stats heap_counters;

/*
 * Every public entry point brackets its work with these two: the environment's lock (a spinlock
 * in the kernel, heap_pages.c), so the heap serves every CPU and interrupt handlers. A fault is
 * raised inside them and leaves the lock first (heap_fault).
 */
static inline void heap_enter(void)
{
    heap_lock();
}

static inline void heap_leave(void)
{
    heap_unlock();
}

/* The class for n bytes (n <= HEAP_SMALL_MAX). */
static unsigned class_of(size_t n)
{
    if (n <= 128)
        return n <= 16 ? 0 : (unsigned)((n - 1) >> 4);
    /* 129..1024: four classes per power of two, 2^shift apart */
    unsigned shift = 64 - (unsigned)__builtin_clzll(n - 1) - 3;
    return 8 + 4 * (shift - 5) + (unsigned)((n - 1) >> shift) - 4;
}

void *heap_take_pages(unsigned order)
{
    void *pages = heap_pages_alloc(order);
    if (pages) {
        heap_counters.pages_held += (size_t)1 << order;
        if (heap_counters.pages_held > heap_counters.pages_peak)
            heap_counters.pages_peak = heap_counters.pages_held;
    }
    return pages;
}

void heap_give_pages(void *pages, unsigned order)
{
    heap_counters.pages_held -= (size_t)1 << order;
    heap_pages_free(pages, order);
}

noreturn void heap_fault(const char *what, const void *block, size_t size, uintptr_t caller)
{
    struct heap_fault fault = {what, block, size, caller};
    /* every fault is found inside heap_enter; the report may return into a test runner (or the
     * host tests' catcher), which must find the heap's lock free */
    heap_leave();
    heap_fault_report(&fault);
}

/* A word at a time between the unaligned ends: red zones of large blocks run to megabytes. */
bool heap_all_bytes(const void *p, unsigned char value, size_t n)
{
    const unsigned char *b = p, *end = b + n;
    for (; b < end && ((uintptr_t)b & (sizeof(uint64_t) - 1)); b++)
        if (*b != value)
            return false;
    typedef uint64_t __attribute__((may_alias)) any_word; /* may read bytes of any type */
    uint64_t word = value * 0x0101010101010101ull;        /* value in every byte */
    for (; end - b >= (ptrdiff_t)sizeof(uint64_t); b += sizeof(uint64_t))
        if (*(const any_word *)(const void *)b != word)
            return false;
    for (; b < end; b++)
        if (*b != value)
            return false;
    return true;
}

unsigned heap_run_order(size_t size)
{
    size_t pages = (size + DEBUG_LARGE_REDZONE + HEAP_PAGE_SIZE - 1) >> HEAP_PAGE_SHIFT;
    return pages <= 1 ? 0 : 64 - (unsigned)__builtin_clzll(pages - 1);
}

/* ---- debug builds: the tag at the end of each small block's slot */
#define TAG_LIVE 0x11fe11feu
#define TAG_FREE 0xf4eef4eeu
struct block_tag {
    uint32_t size; /* bytes asked for */
    uint32_t state;
};

static struct block_tag *tag_of(void *block, unsigned slot)
{
    return (struct block_tag *)((char *)block + slot - DEBUG_TAG_SIZE);
}

/* Whether p is the start of a block of slab s. */
static bool on_block_boundary(const struct slab *s, const void *p)
{
    const struct size_class *sc = &size_classes[s->class_index];
    uintptr_t offset = PAGE_OFFSET(p);
    return offset >= sc->first && (offset - sc->first) % sc->size == 0 &&
           (offset - sc->first) / sc->size < sc->count;
}

/* A block about to be handed out must be as free left it: poisoned, tagged free. */
static void debug_check_free_block(const struct slab *s, void *block, uintptr_t caller)
{
    unsigned slot = size_classes[s->class_index].size;
    if (SLAB_OF(block) != s || !on_block_boundary(s, block))
        heap_fault("free list corrupted (a freed block was written to)", block, 0, caller);
    if (tag_of(block, slot)->state != TAG_FREE ||
        !heap_all_bytes((char *)block + sizeof(void *), POISON_FREE,
                        slot - sizeof(void *) - DEBUG_TAG_SIZE))
        heap_fault("write after free (found when handing the block out again)", block, slot,
                   caller);
}

static void debug_mark_live(void *block, unsigned slot, size_t size)
{
    memset((char *)block + size, POISON_REDZONE, slot - DEBUG_TAG_SIZE - size);
    *tag_of(block, slot) = (struct block_tag){(uint32_t)size, TAG_LIVE};
}

/* A block given back must be one of ours, live, with its red zone intact. */
static void debug_check_live_block(const struct slab *s, void *block, uintptr_t caller)
{
    if (s->magic != SLAB_MAGIC || s->class_index >= HEAP_CLASSES || !on_block_boundary(s, block))
        heap_fault("invalid free (not a block the heap handed out)", block, 0, caller);
    unsigned slot = size_classes[s->class_index].size;
    struct block_tag tag = *tag_of(block, slot);
    if (tag.state == TAG_FREE)
        heap_fault("double free", block, slot, caller);
    if (tag.state != TAG_LIVE || tag.size > slot - DEBUG_SMALL_EXTRA)
        heap_fault("red zone overwritten (the block's tag is damaged)", block, 0, caller);
    if (!heap_all_bytes((char *)block + tag.size, POISON_REDZONE, slot - DEBUG_TAG_SIZE - tag.size))
        heap_fault("red zone overwritten (written past the end of the block)", block, tag.size,
                   caller);
}

static void debug_poison(void *block, unsigned slot)
{
    memset(block, POISON_FREE, slot - DEBUG_TAG_SIZE);
    tag_of(block, slot)->state = TAG_FREE;
}

/* ---- slabs */
static void partial_push(unsigned ci, struct slab *s)
{
    s->prev = NULL;
    s->next = classes[ci].partial;
    if (s->next)
        s->next->prev = s;
    classes[ci].partial = s;
}

static void partial_remove(unsigned ci, struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        classes[ci].partial = s->next;
    if (s->next)
        s->next->prev = s->prev;
}

/* A page made into a slab of class ci with every block free, or NULL. */
static struct slab *slab_new(unsigned ci)
{
    const struct size_class *sc = &size_classes[ci];
    struct slab *s = heap_take_pages(0);
    if (!s)
        return NULL;
    *s = (struct slab){.magic = SLAB_MAGIC, .class_index = (uint16_t)ci};
    char *block = (char *)s + sc->first;
    void **link = &s->free;
    for (unsigned i = 0; i < sc->count; i++, block += sc->size) {
        if (HEAP_DEBUG)
            debug_poison(block, sc->size);
        *link = block;
        link = (void **)block;
    }
    *link = NULL;
    heap_counters.classes[ci].slabs++;
    return s;
}

/* The slab to allocate from in class ci: a partial one, the spare empty one, or a new one. */
static struct slab *slab_for_alloc(unsigned ci)
{
    struct slab *s = classes[ci].partial;
    if (s)
        return s;
    s = classes[ci].empty;
    classes[ci].empty = NULL;
    if (!s && !(s = slab_new(ci)))
        return NULL;
    partial_push(ci, s);
    return s;
}

/* Slab s has no block in use any more: keep it as the class's spare, or give its page back. */
static void slab_retire(unsigned ci, struct slab *s)
{
    partial_remove(ci, s);
    if (!classes[ci].empty) {
        classes[ci].empty = s;
        return;
    }
    s->magic = 0; /* a stale pointer into the page must not find a slab there */
    heap_counters.classes[ci].slabs--;
    heap_give_pages(s, 0);
}

static void *small_alloc(unsigned ci, size_t size, uintptr_t caller)
{
    const struct size_class *sc = &size_classes[ci];
    struct slab *s = slab_for_alloc(ci);
    if (!s)
        return NULL;
    void *block = s->free;
    if (HEAP_DEBUG)
        debug_check_free_block(s, block, caller);
    s->free = *(void **)block;
    if (++s->in_use == sc->count)
        partial_remove(ci, s);
    if (HEAP_DEBUG)
        debug_mark_live(block, sc->size, size);
    heap_counters.classes[ci].live++;
    count_alloc(sc->size);
    return block;
}

static void small_free(void *block, uintptr_t caller)
{
    struct slab *s = SLAB_OF(block);
    if (HEAP_DEBUG)
        debug_check_live_block(s, block, caller);
    unsigned ci = s->class_index;
    const struct size_class *sc = &size_classes[ci];
    if (HEAP_DEBUG)
        debug_poison(block, sc->size);
    *(void **)block = s->free;
    s->free = block;
    if (s->in_use-- == sc->count)
        partial_push(ci, s);
    if (s->in_use == 0)
        slab_retire(ci, s);
    heap_counters.classes[ci].live--;
    count_free(sc->size);
}

/* The bytes of a small block the caller may use (debug builds: the size asked for). */
static size_t small_size(void *block)
{
    unsigned slot = size_classes[SLAB_OF(block)->class_index].size;
    return HEAP_DEBUG ? tag_of(block, slot)->size : slot;
}

/* Resize a small block where it is, if its class suits the new size (at most 2 classes up). */
static bool small_resize(void *block, size_t size, uintptr_t caller)
{
    struct slab *s = SLAB_OF(block);
    if (HEAP_DEBUG)
        debug_check_live_block(s, block, caller);
    unsigned ci = s->class_index;
    if (size > SMALL_LIMIT || class_of(size + DEBUG_SMALL_EXTRA) > ci ||
        class_of(size + DEBUG_SMALL_EXTRA) + 2 < ci)
        return false;
    if (HEAP_DEBUG)
        debug_mark_live(block, size_classes[ci].size, size);
    return true;
}

/* ---- the kmalloc family: each takes the heap lock and names its own caller in reports */
#define CALLER() ((uintptr_t)__builtin_return_address(0))

static void *alloc_block(size_t size, uintptr_t caller)
{
    if (size <= SMALL_LIMIT)
        return small_alloc(class_of(size + DEBUG_SMALL_EXTRA), size, caller);
    return size <= LARGE_LIMIT ? large_alloc(size, 0) : NULL;
}

static void free_block(void *block, uintptr_t caller)
{
    if (PAGE_OFFSET(block) != 0) {
        small_free(block, caller);
        return;
    }
    struct large_block *large = large_find(block);
    if (!large)
        heap_fault("invalid free (not a block the heap handed out, or freed twice)", block, 0,
                   caller);
    large_free(large, caller);
}

static void *counted(void *block)
{
    if (!block)
        heap_counters.failures++;
    return block;
}

void *kmalloc(size_t size)
{
    heap_enter();
    void *block = counted(alloc_block(size, CALLER()));
    heap_leave();
    return block;
}

void *kzalloc(size_t size)
{
    heap_enter();
    void *block = counted(alloc_block(size, CALLER()));
    heap_leave();
    if (block)
        memset(block, 0, size);
    return block;
}

void *kcalloc(size_t count, size_t size)
{
    size_t bytes;
    heap_enter();
    void *block = NULL;
    if (!__builtin_mul_overflow(count, size, &bytes))
        block = alloc_block(bytes, CALLER());
    block = counted(block);
    heap_leave();
    if (block)
        memset(block, 0, bytes);
    return block;
}

/* The first power-of-two class at least size bytes whose blocks are aligned to align, if any. */
static int aligned_class(size_t size, size_t align)
{
    if (size > SMALL_LIMIT || align > HEAP_SMALL_MAX)
        return -1;
    size_t need = size + DEBUG_SMALL_EXTRA;
    for (unsigned ci = class_of(need > align ? need : align); ci < HEAP_CLASSES; ci++)
        if (LOWEST_BIT(size_classes[ci].size) >= align)
            return (int)ci;
    return -1;
}

static void *alloc_aligned(size_t size, size_t align, uintptr_t caller)
{
    if (align == 0 || (align & (align - 1)) != 0 || align > HEAP_MAX_ALIGN || size > LARGE_LIMIT)
        return NULL;
    if (align <= HEAP_MIN_ALIGN)
        return alloc_block(size, caller);
    int ci = aligned_class(size, align);
    if (ci >= 0)
        return small_alloc((unsigned)ci, size, caller);
    unsigned min_order = 0;
    while (((size_t)HEAP_PAGE_SIZE << min_order) < align)
        min_order++;
    return large_alloc(size, min_order);
}

void *kmalloc_aligned(size_t size, size_t align)
{
    heap_enter();
    void *block = counted(alloc_aligned(size, align, CALLER()));
    heap_leave();
    return block;
}

/* Resize in place, or move: the caller holds the lock. */
static void *resize(void *block, size_t size, uintptr_t caller)
{
    size_t old_size;
    if (PAGE_OFFSET(block) != 0) {
        if (small_resize(block, size, caller))
            return block;
        old_size = small_size(block);
    } else {
        struct large_block *large = large_find(block);
        if (!large)
            heap_fault("invalid krealloc (not a block the heap handed out, or freed)", block, 0,
                       caller);
        if (large_resize(large, size, caller))
            return block;
        old_size = large->size;
    }
    void *moved = counted(alloc_block(size, caller));
    if (moved) {
        memcpy(moved, block, old_size < size ? old_size : size);
        free_block(block, caller);
    }
    return moved;
}

void *krealloc(void *block, size_t size)
{
    void *result = NULL;
    heap_enter();
    if (!block)
        result = counted(alloc_block(size, CALLER()));
    else if (size == 0)
        free_block(block, CALLER());
    else
        result = resize(block, size, CALLER());
    heap_leave();
    return result;
}

void kfree(void *block)
{
    if (!block)
        return;
    heap_enter();
    free_block(block, CALLER());
    heap_leave();
}

struct heap_stats heap_stats(void)
{
    heap_enter();
    struct heap_stats stats = heap_counters;
    heap_leave();
    for (unsigned ci = 0; ci < HEAP_CLASSES; ci++)
        stats.classes[ci].size = size_classes[ci].size;
    return stats;
}

/* SPDX-License-Identifier: MIT */
/*
 * Run-time kernel stacks: mapped where they say, with unmapped address space below that a fault
 * report can name, slots of their own, and nothing left mapped once freed.
 */
#include "frame.h"
#include "kstack.h"
#include "ktest.h"

#include <arch/memlayout.h>
#include <arch/paging.h>

static bool mapped(const void *p)
{
    phys_addr_t phys;
    uint64_t flags;

    return paging_query(&kernel_space, (uintptr_t)p, &phys, &flags);
}

KTEST(a_run_time_stack_is_mapped_writable_above_an_unmapped_guard_that_names_it)
{
    struct kstack s;

    KT_ASSERT(kstack_alloc(&s, 0x3000, "test stack"));
    KT_ASSERT((uintptr_t)s.bottom >= KSTACK_REGION_BASE);
    KT_ASSERT((uintptr_t)s.top % 16 == 0 && s.top - s.bottom >= 0x3000);
    for (char *p = s.bottom; p < s.top; p += PAGE_SIZE) {
        KT_ASSERT(mapped(p));
        *p = 1; /* writable */
    }
    KT_ASSERT(!mapped(s.bottom - 1));
    KT_ASSERT(!mapped(s.bottom - PAGE_SIZE));
    KT_ASSERT_STREQ("test stack", kstack_guard_owner((uintptr_t)s.bottom - 8));
    KT_ASSERT(kstack_guard_owner((uintptr_t)s.bottom) == NULL); /* the stack itself */
    kstack_free(&s);
}

KTEST(run_time_stacks_get_slots_of_their_own_and_give_their_frames_back)
{
    struct kstack a, b;

    /* once first, so the page tables of the region (kept once made) are not counted */
    KT_ASSERT(kstack_alloc(&a, KSTACK_DEFAULT_SIZE, "a"));
    KT_ASSERT(kstack_alloc(&b, KSTACK_DEFAULT_SIZE, "b"));
    kstack_free(&a);
    kstack_free(&b);
    struct frame_stats before = frame_stats();

    KT_ASSERT(kstack_alloc(&a, KSTACK_DEFAULT_SIZE, "a"));
    KT_ASSERT(kstack_alloc(&b, KSTACK_DEFAULT_SIZE, "b"));
    uintptr_t slot_a = ((uintptr_t)a.bottom - KSTACK_REGION_BASE) / KSTACK_SLOT_SIZE;
    uintptr_t slot_b = ((uintptr_t)b.bottom - KSTACK_REGION_BASE) / KSTACK_SLOT_SIZE;
    KT_ASSERT(slot_a != slot_b);
    char *bottom = a.bottom;
    kstack_free(&a);
    kstack_free(&b);
    KT_ASSERT(!mapped(bottom));
    KT_ASSERT(kstack_guard_owner((uintptr_t)bottom - 8) == NULL);
    struct frame_stats after = frame_stats();
    for (int z = 0; z < FRAME_ZONES; z++)
        KT_ASSERT_EQ(before.free[z], after.free[z]);
}

KTEST(a_stack_larger_than_its_slot_is_refused)
{
    struct kstack s;

    KT_ASSERT(!kstack_alloc(&s, KSTACK_SLOT_SIZE, "too big"));
    KT_ASSERT(s.bottom == NULL);
}

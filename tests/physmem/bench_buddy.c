/* SPDX-License-Identifier: MIT */
/*
 * Benchmark of the buddy frame allocator on the host (meson test --benchmark): nanoseconds per
 * allocation and free over 16 GiB of simulated RAM, in the orders a kernel uses, beside the
 * simplest frame allocator there is (a stack of free 4 KiB frames, O(1) but unable to hand out
 * contiguous runs) measured in the same run. The allocator never touches the frames it manages,
 * so no memory backs the simulated RAM.
 */
#include "buddy.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RAM_BYTES (16ULL << 30)
#define FRAMES    (RAM_BYTES / FRAME_SIZE)
#define ROUNDS    (1u << 20)
#define LIVE      (1u << 16)

static struct buddy b;
static phys_addr_t live[LIVE];
static phys_addr_t *stack;
static uint64_t stack_top;

static void *no_memory(phys_addr_t frame)
{
    (void)frame;
    abort(); /* FRAME_ZERO is not used here */
}

static void fault(const char *what, phys_addr_t frame, unsigned order, const void *caller)
{
    (void)order, (void)caller;
    fprintf(stderr, "bench: refused free of 0x%llx: %s\n", (unsigned long long)frame, what);
    abort();
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* A small xorshift generator: the same sequence in every run. */
static uint64_t rng = 88172645463325252ULL;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* ns per alloc+free: keep count blocks, replace a random (or the newest) one each round. */
static double buddy_run(unsigned max_order, int random_order, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        live[i] = buddy_alloc(&b, 0, 0);
    double start = now_ns();
    for (unsigned r = 0; r < ROUNDS; r++) {
        unsigned k = random_order ? (unsigned)(next_random() % count) : count - 1;
        unsigned order = max_order ? (unsigned)(next_random() % (max_order + 1)) : 0;
        buddy_free(&b, live[k], b.state[live[k] >> FRAME_SHIFT] & BUDDY_ORDER_MASK, NULL);
        live[k] = buddy_alloc(&b, order, 0);
        if (!live[k])
            abort(); /* count * 4 MiB must fit in the simulated RAM */
    }
    double ns = (now_ns() - start) / ROUNDS;
    for (unsigned i = 0; i < count; i++)
        buddy_free(&b, live[i], b.state[live[i] >> FRAME_SHIFT] & BUDDY_ORDER_MASK, NULL);
    return ns;
}

static double stack_run(int random_order)
{
    for (unsigned i = 0; i < LIVE; i++)
        live[i] = stack[--stack_top];
    double start = now_ns();
    for (unsigned r = 0; r < ROUNDS; r++) {
        unsigned k = random_order ? (unsigned)(next_random() % LIVE) : LIVE - 1;
        stack[stack_top++] = live[k];
        live[k] = stack[--stack_top];
    }
    double ns = (now_ns() - start) / ROUNDS;
    for (unsigned i = 0; i < LIVE; i++)
        stack[stack_top++] = live[i];
    return ns;
}

int main(void)
{
    uint8_t *state = malloc(FRAMES);
    struct buddy_link *links = malloc(FRAMES * sizeof(*links));
    stack = malloc(FRAMES * sizeof(*stack));
    if (!state || !links || !stack)
        return 1;
    buddy_init(&b, state, links, FRAMES, no_memory, fault);
    double start = now_ns();
    buddy_add_range(&b, 1ULL << 20, RAM_BYTES - (1ULL << 20));
    double add_ms = (now_ns() - start) / 1e6;
    for (uint64_t f = FRAMES; f-- > 256;)
        stack[stack_top++] = f * FRAME_SIZE;

    printf("frame allocator, 16 GiB of simulated RAM, %u live blocks (2048 for 4 MiB runs), %u "
           "rounds of free+alloc\n",
           LIVE, ROUNDS);
    printf("adding the RAM: %.1f ms (%llu frames)\n", add_ms, (unsigned long long)FRAMES);
    printf("%-36s %10s %10s %8s\n", "case", "buddy ns", "stack ns", "ratio");
    double lifo = buddy_run(0, 0, LIVE), lifo_stack = stack_run(0);
    printf("%-36s %10.1f %10.1f %8.2f\n", "4 KiB, newest freed (LIFO)", lifo, lifo_stack,
           lifo_stack / lifo);
    double rnd = buddy_run(0, 1, LIVE), rnd_stack = stack_run(1);
    printf("%-36s %10.1f %10.1f %8.2f\n", "4 KiB, random one freed", rnd, rnd_stack,
           rnd_stack / rnd);
    printf("%-36s %10.1f %10s %8s\n", "4-64 KiB runs (orders 0-4), random", buddy_run(4, 1, LIVE),
           "-", "-");
    printf("%-36s %10.1f %10s %8s\n", "4 KiB-4 MiB runs (orders 0-10)", buddy_run(10, 1, 2048), "-",
           "-");
    printf("(ratio: the stack's time over the buddy's; the stack cannot hand out runs)\n");
    return 0;
}

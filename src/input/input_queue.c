/* SPDX-License-Identifier: MIT */
/* The input event queue: a single-producer, single-consumer ring (see input_queue.h). */
#include "input_queue.h"

_Static_assert((INPUT_QUEUE_SIZE & (INPUT_QUEUE_SIZE - 1)) == 0, "a power of two");

bool input_queue_put(struct input_queue *q, const struct input_event *ev)
{
    uint32_t head = q->head;
    uint32_t tail = __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE);

    if (head - tail >= INPUT_QUEUE_SIZE) {
        __atomic_store_n(&q->lost, q->lost + 1, __ATOMIC_RELAXED);
        return false;
    }
    q->events[head % INPUT_QUEUE_SIZE] = *ev;
    __atomic_store_n(&q->head, head + 1, __ATOMIC_RELEASE);
    return true;
}

bool input_queue_take(struct input_queue *q, struct input_event *ev)
{
    uint32_t tail = q->tail;

    if (__atomic_load_n(&q->head, __ATOMIC_ACQUIRE) == tail)
        return false;
    *ev = q->events[tail % INPUT_QUEUE_SIZE];
    __atomic_store_n(&q->tail, tail + 1, __ATOMIC_RELEASE);
    return true;
}

uint32_t input_queue_lost(const struct input_queue *q)
{
    return __atomic_load_n(&q->lost, __ATOMIC_RELAXED);
}

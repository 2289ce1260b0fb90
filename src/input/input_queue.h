/* SPDX-License-Identifier: MIT */
/* A fixed-size queue of input events: interrupt handlers put, the line editor takes. */
#ifndef CYAN_INPUT_QUEUE_H
#define CYAN_INPUT_QUEUE_H

#include "keys.h"

#include <stdbool.h>
#include <stdint.h>

#define INPUT_QUEUE_SIZE 256 /* a power of two; a typed burst of 200 keys fits */

/*
 * One producer side and one consumer side. The producers are the keyboard and serial interrupt
 * handlers, which run with interrupts off on the one CPU that takes them, so they never overlap;
 * the consumer runs with interrupts on. head is written only by the producer, tail only by the
 * consumer, each published with release/acquire so an entry is complete before it is seen.
 */
struct input_queue {
    struct input_event events[INPUT_QUEUE_SIZE];
    uint32_t head; /* next slot to fill (free-running) */
    uint32_t tail; /* next slot to take (free-running) */
    uint32_t lost; /* events dropped because the queue was full */
};

/* Add ev; a full queue drops it and counts it in lost, leaving the queued ones intact. */
bool input_queue_put(struct input_queue *q, const struct input_event *ev);
/* Take the oldest event into *ev; false if there is none. */
bool input_queue_take(struct input_queue *q, struct input_event *ev);
uint32_t input_queue_lost(const struct input_queue *q);

#endif

/* SPDX-License-Identifier: MIT */
/* The heap's environment on the host: pages from aligned_alloc, faults caught by the tests. */
#ifndef HEAP_HOST_H
#define HEAP_HOST_H

#include "heap.h"
#include "heap_pages.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

/* Pages the heap holds now, as the page source counts them. */
size_t host_pages_outstanding(void);
/* At most this many pages outstanding: later requests fail, as an exhausted frame allocator's. */
void host_pages_set_limit(size_t pages);

/*
 * A fault the heap reports while fault_catcher is set longjmps there (value 1) after storing
 * the fault in last_fault; without a catcher it is printed and the program aborts.
 */
extern jmp_buf *fault_catcher;
extern struct heap_fault last_fault;

#endif

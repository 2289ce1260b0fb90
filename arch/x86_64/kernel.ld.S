/* SPDX-License-Identifier: MIT */
/* Linker script for the kernel ELF; run through the C preprocessor to share arch/memlayout.h. */
#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include <arch/paging.h>
#include <arch/trampoline.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)

/*
 * One program header per permission so loaders and our own page tables can tell text from data;
 * none is both writable and executable. FLAGS: 4 = read, 2 = write, 1 = execute.
 */
PHDRS
{
    boot_text PT_LOAD FLAGS(5); /* Multiboot2 header and 32-bit boot code, at physical addresses */
    boot_data PT_LOAD FLAGS(6); /* boot stack and boot page tables */
    text      PT_LOAD FLAGS(5); /* kernel code in the higher half */
    rodata    PT_LOAD FLAGS(4); /* constants */
    data      PT_LOAD FLAGS(6); /* variables, .bss and the kernel stack */
    note      PT_NOTE;          /* the PVH entry note, for QEMU -kernel */
    stack     PT_GNU_STACK FLAGS(6); /* states that no stack needs to be executable */
}

SECTIONS
{
    /* Boot code runs before paging, so it is linked where it is loaded: virtual = physical. */
    . = KERNEL_LOAD_PHYS;
    .multiboot2 : {
        KEEP(*(.multiboot2)) /* first: loaders search only the first 32 KiB of the file */
    } :boot_text
    /* 32-bit and 64-bit code in sections of their own, so disassemblers can pick the mode */
    .boot.text32 : {
        *(.boot.text32)
    } :boot_text
    .boot.text64 : {
        *(.boot.text64)
    } :boot_text
    .boot.rodata : {
        *(.boot.rodata)
    } :boot_text

    /* Found through the PT_NOTE header; loaded with the boot code, never executed. */
    .note.Xen : {
        KEEP(*(.note.Xen))
    } :boot_text :note

    . = ALIGN(PAGE_SIZE);
    .boot.bss (NOLOAD) : {
        *(.boot.bss)
    } :boot_data

    /* The kernel proper: linked at KERNEL_VMA + physical, loaded right after the boot code. */
    . = ALIGN(PAGE_SIZE);
    . += KERNEL_VMA;
    _kernel_start = .;

    .text : AT(ADDR(.text) - KERNEL_VMA) {
        _text_start = .;
        *(.text .text.*)
        _text_end = .;
    } :text

    . = ALIGN(PAGE_SIZE);
    .rodata : AT(ADDR(.rodata) - KERNEL_VMA) {
        _rodata_start = .;
        *(.rodata .rodata.*)
        /* test kernels' test cases (struct ktest), found by the in-kernel runner; empty otherwise */
        . = ALIGN(8);
        __ktests_start = .;
        KEEP(*(.ktests))
        __ktests_end = .;
    } :rodata

    /* Function symbols for crash reports: zeros here, filled in after linking by tools/ksyms.py. */
    .ksyms : AT(ADDR(.ksyms) - KERNEL_VMA) {
        . = ALIGN(8);
        __ksyms_start = .;
        BYTE(0)
        . = __ksyms_start + KSYMS_SIZE;
        . = ALIGN(PAGE_SIZE);
        _rodata_end = .;
    } :rodata

    .data : AT(ADDR(.data) - KERNEL_VMA) {
        _data_start = .;
        *(.data .data.*)
    } :data

    .bss : AT(ADDR(.bss) - KERNEL_VMA) {
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(PAGE_SIZE);
        _data_end = .;
    } :data

    _kernel_end = .;

    /* Unwind tables and toolchain notes are not loaded; keeping them could push the header out. */
    /DISCARD/ : {
        *(.eh_frame .eh_frame_hdr)
        *(.note .note.*)
        *(.comment)
    }
}

ASSERT(mb2_header == KERNEL_LOAD_PHYS, "the Multiboot2 header must be the first thing in the image")
ASSERT(mb2_header % MB2_HEADER_ALIGN == 0, "the Multiboot2 header must be 8-byte aligned")
ASSERT(_kernel_end - KERNEL_VMA <= KERNEL_WINDOW_SIZE, "the kernel must fit the 2 GiB kernel window")
ASSERT(trampoline_end - trampoline_start <= TRAMPOLINE_PARAMS, "the AP trampoline's code runs into its parameters")

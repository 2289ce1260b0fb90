#!/bin/sh
# SPDX-License-Identifier: MIT
# mkiso.sh: build the hybrid BIOS+UEFI GRUB ISO that boots the kernel.
# usage: mkiso.sh GRUB_MKRESCUE XORRISO OBJCOPY OUTPUT KERNEL GRUB_CFG STAGING_DIR
set -eu
mkrescue=$1 xorriso=$2 objcopy=$3 out=$4 kernel=$5 cfg=$6 staging=$7

rm -rf "$staging"
mkdir -p "$staging/boot/grub"
# The booted kernel needs no debug information (gdb reads build/cyan.elf): a quarter of the size.
"$objcopy" --strip-debug "$kernel" "$staging/boot/cyan.elf"
cp "$cfg" "$staging/boot/grub/grub.cfg"

# Only the modules the menu needs (the rest of GRUB stays out: ~19 MiB -> under 4 MiB), no
# translations, fonts or themes, and xz-compressed core images. multiboot2 and normal boot the
# kernel; test runs grub.cfg's platform check; all_video lets UEFI GRUB hand over a framebuffer (efi_gop, efi_uga); the partition-table modules
# are the ones UEFI GRUB probes while looking for its files (it prints an error per missing one).
modules="multiboot2 normal test all_video part_acorn part_amiga part_apple part_bsd part_dfly"
modules="$modules part_dvh part_gpt part_msdos part_plan part_sun part_sunpc"
if ! "$mkrescue" --xorriso="$xorriso" -o "$out" \
        --install-modules="$modules" \
        --locales= --fonts= --themes= --compress=xz \
        "$staging" >"$staging.log" 2>&1; then
    cat "$staging.log" >&2
    echo "mkiso: grub-mkrescue failed (log above)" >&2
    exit 1
fi

#!/bin/sh
# SPDX-License-Identifier: MIT
# mkiso.sh: build the hybrid BIOS+UEFI GRUB ISO that boots the kernel.
# usage: mkiso.sh GRUB_MKRESCUE XORRISO OUTPUT KERNEL GRUB_CFG STAGING_DIR
set -eu
mkrescue=$1 xorriso=$2 out=$3 kernel=$4 cfg=$5 staging=$6

rm -rf "$staging"
mkdir -p "$staging/boot/grub"
cp "$kernel" "$staging/boot/cyan.elf"
cp "$cfg" "$staging/boot/grub/grub.cfg"

# Only the modules the menu needs (the rest of GRUB stays out: ~19 MiB -> under 4 MiB), no
# translations, fonts or themes, and xz-compressed core images.
if ! "$mkrescue" --xorriso="$xorriso" -o "$out" \
        --install-modules="multiboot2 normal" \
        --locales= --fonts= --themes= --compress=xz \
        "$staging" >"$staging.log" 2>&1; then
    cat "$staging.log" >&2
    echo "mkiso: grub-mkrescue failed (log above)" >&2
    exit 1
fi

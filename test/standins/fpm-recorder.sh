#!/bin/sh
# A recording stand-in for fpm (electron-builder runs it through CUSTOM_FPM_PATH): each argument on
# a line of $FPM_RECORD, and an empty package file where --package says, so the build completes.
# No package is made: fpm itself would be downloaded, and nothing may be fetched here.
out=
prev=
for a in "$@"; do
  printf '%s\n' "$a" >> "$FPM_RECORD"
  # The generated files electron-builder removes after fpm: kept beside the record.
  case $a in *.desktop=/usr/share/applications/*) cp -- "${a%%=*}" "$FPM_RECORD.desktop" ;; esac
  [ "$prev" = --after-install ] && cp -- "$a" "$FPM_RECORD.after-install"
  [ "$prev" = --package ] && out=$a
  prev=$a
done
[ -z "$out" ] || : > "$out"

#!/bin/sh
# A recording stand-in for mksquashfs (electron-builder's AppImage target runs it from the toolset
# folder that APPIMAGE_TOOLS_PATH names): what the AppImage would hold, listed in $SQUASHFS_RECORD,
# with its usr/share and its .desktop files copied beside the record, and an empty image where the
# second argument says, so the build completes. The real toolset would be downloaded.
stage=$1
( cd "$stage" && find . -mindepth 1 | LC_ALL=C sort ) > "$SQUASHFS_RECORD"
[ ! -d "$stage/usr/share" ] || cp -R -- "$stage/usr/share" "$SQUASHFS_RECORD.share"
for f in "$stage"/*.desktop; do [ ! -f "$f" ] || cp -- "$f" "$SQUASHFS_RECORD.desktop"; done
: > "$2"

#!/bin/bash
# counter-pos .deb post-remove: electron-builder's default steps, then udev
# forgets the scanner rule (dpkg has already removed the file).

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1 && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
    apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

if hash udevadm 2>/dev/null && [ -d /run/udev ]; then
    udevadm control --reload-rules || true
fi

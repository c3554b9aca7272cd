#!/usr/bin/env bash
# Sign, package and notarise "Cost of Inaction.app" as a .dmg (macOS only; run by build.py).
#   make-dmg.sh "dist/Cost of Inaction.app" dist/cost-of-inaction-0.1.0-macos-arm64.dmg
#
# Environment (all optional; without them the dmg is unsigned and Gatekeeper will warn):
#   CODESIGN_IDENTITY  "Developer ID Application: Your Company (TEAMID)"
#   NOTARY_PROFILE     a keychain profile made once with:
#                      xcrun notarytool store-credentials coi-notary --apple-id ... --team-id ...
#   NOTARY_KEYCHAIN    the keychain holding that profile, if not the default one
#                      (CI: a temporary keychain made by ci-keychain.sh)
set -euo pipefail
app=$1
dmg=$2
here=$(cd "$(dirname "$0")" && pwd)
entitlements="$here/entitlements.plist"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  echo "make-dmg: signing with $CODESIGN_IDENTITY (hardened runtime)"
  # Sign every Mach-O inside first (libraries, Qt plugins, Python extensions), then the app.
  find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' file; do
      if file "$file" | grep -q 'Mach-O'; then
        codesign --force --timestamp --options runtime --entitlements "$entitlements" \
          --sign "$CODESIGN_IDENTITY" "$file"
      fi
    done
  codesign --force --timestamp --options runtime --entitlements "$entitlements" \
    --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "make-dmg: CODESIGN_IDENTITY not set; building an unsigned dmg"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Cost of Inaction" -srcfolder "$staging" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 "$dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$dmg"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    echo "make-dmg: notarising (a few minutes)"
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" \
      ${NOTARY_KEYCHAIN:+--keychain "$NOTARY_KEYCHAIN"} --wait
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
  else
    echo "make-dmg: NOTARY_PROFILE not set; the dmg is signed but not notarised"
  fi
fi
echo "make-dmg: wrote $dmg"

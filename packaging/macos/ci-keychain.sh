#!/usr/bin/env bash
# Prepare signing and notarisation for make-dmg.sh on a CI machine (packaging/README.md, "CI").
#   MACOS_CERT_P12_BASE64    "Developer ID Application" certificate with its key, .p12, base64
#   MACOS_CERT_PASSWORD      the .p12 file's password
#   MACOS_CODESIGN_IDENTITY  "Developer ID Application: Your Company (TEAMID)"
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for notarisation (optional: without them
#                            the dmg is signed but not notarised)
# Makes a temporary keychain ($RUNNER_TEMP/coi-signing.keychain-db, deleted by the workflow's
# last step) with the certificate and a notarytool profile, and hands CODESIGN_IDENTITY,
# NOTARY_PROFILE and NOTARY_KEYCHAIN to the next steps through $GITHUB_ENV.
set -euo pipefail
: "${MACOS_CERT_P12_BASE64:?}" "${MACOS_CERT_PASSWORD:?}" "${MACOS_CODESIGN_IDENTITY:?}"
: "${RUNNER_TEMP:?}" "${GITHUB_ENV:?}"

keychain="$RUNNER_TEMP/coi-signing.keychain-db"
keychain_password=$(uuidgen)
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"

p12="$RUNNER_TEMP/coi-signing.p12"
trap 'rm -f "$p12"' EXIT
printf '%s' "$MACOS_CERT_P12_BASE64" | base64 --decode >"$p12"
security import "$p12" -k "$keychain" -P "$MACOS_CERT_PASSWORD" -f pkcs12 \
  -T /usr/bin/codesign -T /usr/bin/security
security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$keychain_password" \
  "$keychain" >/dev/null
# codesign looks in the search list: this keychain first, then the ones already there.
existing=$(security list-keychains -d user | sed -e 's/^ *"//' -e 's/"$//')
# shellcheck disable=SC2086  # one keychain path per line, none with spaces on CI
security list-keychains -d user -s "$keychain" $existing
security find-identity -v -p codesigning "$keychain" | grep -qF "$MACOS_CODESIGN_IDENTITY" || {
  echo "ci-keychain: the certificate is not the identity MACOS_CODESIGN_IDENTITY names" >&2
  exit 1
}
echo "CODESIGN_IDENTITY=$MACOS_CODESIGN_IDENTITY" >>"$GITHUB_ENV"

if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  xcrun notarytool store-credentials coi-notary --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --keychain "$keychain"
  echo "NOTARY_PROFILE=coi-notary" >>"$GITHUB_ENV"
  echo "NOTARY_KEYCHAIN=$keychain" >>"$GITHUB_ENV"
  echo "ci-keychain: signing and notarisation set up"
else
  echo "ci-keychain: signing set up; APPLE_ID, APPLE_TEAM_ID or APPLE_APP_PASSWORD missing, so no notarisation"
fi

#!/bin/sh
# Install Cost of Inaction for the current user (no root needed), or system-wide with --system.
#   ./install.sh            -> ~/.local/opt/cost-of-inaction, ~/.local/bin, menu entry, .coi type
#   sudo ./install.sh --system  -> /opt/cost-of-inaction, /usr/local/bin, /usr/local/share
#   ./install.sh --uninstall [--system]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=cost-of-inaction
mode=user
action=install
for arg in "$@"; do
  case "$arg" in
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
if [ "$mode" = system ]; then
  prefix=/opt/$app; bin=/usr/local/bin; share=/usr/local/share
else
  prefix=$HOME/.local/opt/$app
  bin=$HOME/.local/bin; share=${XDG_DATA_HOME:-$HOME/.local/share}
fi

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$action" = uninstall ]; then
  rm -rf "$prefix"
  rm -f "$bin/$app" "$bin/coi" "$share/applications/$app.desktop" "$share/mime/packages/$app.xml"
  rm -f "$share/icons/hicolor/256x256/apps/$app.png" "$share/icons/hicolor/scalable/apps/$app.svg"
  rm -f "$share/icons/hicolor/256x256/apps/application-x-$app.png" \
        "$share/icons/hicolor/scalable/apps/application-x-$app.svg"
  refresh
  echo "Removed Cost of Inaction from $prefix"
  exit 0
fi

rm -rf "$prefix"
mkdir -p "$prefix" "$bin"
cp -a "$here/$app/." "$prefix/"
ln -sf "$prefix/$app" "$bin/$app"
ln -sf "$prefix/coi" "$bin/coi"
mkdir -p "$share/applications" "$share/mime/packages"
sed "s|^Exec=$app|Exec=$prefix/$app|; s|^TryExec=$app|TryExec=$prefix/$app|" \
  "$here/share/applications/$app.desktop" > "$share/applications/$app.desktop"
cp "$here/share/mime/packages/$app.xml" "$share/mime/packages/$app.xml"
for dir in 256x256 scalable; do
  mkdir -p "$share/icons/hicolor/$dir/apps"
  cp "$here/share/icons/hicolor/$dir/apps/"* "$share/icons/hicolor/$dir/apps/"
done
refresh
echo "Installed Cost of Inaction in $prefix"
echo "Start it from the applications menu, or run: $bin/$app   (command line: $bin/coi)"
case ":$PATH:" in *":$bin:"*) ;; *) echo "Note: $bin is not on your PATH." ;; esac

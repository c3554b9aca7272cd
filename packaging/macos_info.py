"""Info.plist entries of ``Cost of Inaction.app`` (used by the spec's BUNDLE on macOS).

Declares the ``.coi`` document type (the app opens and edits it; Finder shows our icon) as an
exported uniform type conforming to JSON, and the app's category and minimum macOS.
"""

from __future__ import annotations

from typing import Any

UTI = "com.costofinaction.case"


def info_plist(version: str | None = None) -> dict[str, Any]:
    if version is None:
        from calculators import __version__ as version
    return {
        "CFBundleDisplayName": "Cost of Inaction",
        "CFBundleName": "Cost of Inaction",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSApplicationCategoryType": "public.app-category.business",
        "LSMinimumSystemVersion": "14.0",  # the PySide6 6.12 wheels are built for macOS 14+
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Cost of Inaction business case",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [UTI],
                "CFBundleTypeIconFile": "cost-of-inaction.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": UTI,
                "UTTypeDescription": "Cost of Inaction business case",
                "UTTypeConformsTo": ["public.json", "public.data"],
                "UTTypeIconFile": "cost-of-inaction.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["coi"],
                    "public.mime-type": ["application/x-cost-of-inaction"],
                },
            }
        ],
    }

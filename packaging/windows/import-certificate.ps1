# Import the code-signing certificate for the Windows build (CI; packaging/README.md, "CI").
#   CERT_PFX_BASE64  the .pfx file (certificate with its private key), base64-encoded
#   CERT_PASSWORD    the .pfx file's password
# Imports it into the current user's certificate store and hands its thumbprint to the next
# steps as COI_WINDOWS_CERT_SHA1, which packaging/build.py signs with (signtool /sha1): no
# password or key file is left on disk or on a command line.
$ErrorActionPreference = 'Stop'
if (-not $env:CERT_PFX_BASE64) { throw 'CERT_PFX_BASE64 is not set' }
$pfx = Join-Path $env:RUNNER_TEMP 'coi-signing.pfx'
try {
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:CERT_PFX_BASE64))
    $password = ConvertTo-SecureString -String $env:CERT_PASSWORD -AsPlainText -Force
    $cert = Import-PfxCertificate -FilePath $pfx -CertStoreLocation 'Cert:\CurrentUser\My' -Password $password
} finally {
    Remove-Item -Force -ErrorAction SilentlyContinue $pfx
}
if (-not $cert.HasPrivateKey) { throw 'the .pfx holds no private key' }
Write-Host "import-certificate: $($cert.Subject), valid until $($cert.NotAfter)"
"COI_WINDOWS_CERT_SHA1=$($cert.Thumbprint)" | Out-File -FilePath $env:GITHUB_ENV -Append -Encoding utf8

"""The certificate's life after it is issued: its status (valid, expired, revoked, superseded), its
PDF with a QR code, its public verification page, and its revocation.

- `lifecycle`: the status, revoking, superseding, who may see and revoke a certificate;
- `document`: the PDF (fpdf2, an embedded TrueType font, a segno QR code);
- `routes`: the API (`/api/v1/certificates/...`, and `/api/v1/public/certificates/<token>` without
  sign-in);
- `pages`: the public page `/verify/<token>` and the revocation form of the case page.

Issuing stays where a case moves (`cases.progress`); re-evaluations open from `flask ocop timers`
(`timers.operations`).
"""

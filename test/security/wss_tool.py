"""Independent WS-Security checks for soapkit's tests (zeep + python-xmlsec, Debian packages).

Usage:
  wss_tool.py verify <envelope.xml> <cert.pem>            -> prints OK or FAIL: reason
  wss_tool.py sign <envelope.xml> <key.pem> <cert.pem>    -> prints the signed envelope
  wss_tool.py digest <nonce-b64> <created> <password>     -> prints the PasswordDigest
"""
import base64
import hashlib
import sys

from lxml import etree


def main():
    cmd = sys.argv[1]
    if cmd == "digest":
        nonce, created, password = sys.argv[2:5]
        raw = base64.b64decode(nonce) + created.encode() + password.encode()
        print(base64.b64encode(hashlib.sha1(raw).digest()).decode())
        return
    from zeep.wsse.signature import Signature, verify_envelope

    with open(sys.argv[2], "rb") as f:
        envelope = etree.fromstring(f.read())
    if cmd == "verify":
        try:
            verify_envelope(envelope, sys.argv[3])
            print("OK")
        except Exception as e:  # zeep raises SignatureVerificationFailed
            print("FAIL: %s" % type(e).__name__)
    elif cmd == "sign":
        signed, _ = Signature(sys.argv[3], sys.argv[4]).apply(envelope, {})
        sys.stdout.write(etree.tostring(signed).decode())


main()

"""soapkit conformance bridge to zeep (python3-zeep), one process for a whole run.

Reads JSON lines from stdin, one job each, and answers each with one JSON line on stdout
(in order), so the caller can send the next job while zeep works on the previous one:

  job     = {"name", "wsdl", "requests": [...], "replies": [...], "parses": [...]}
  request = {"id", "op", "params": {...}, "headers": {...} | null, "soapkit": "<envelope xml>"}
  reply   = {"id", "op", "xml": "<response envelope xml>"}
  parse   = {"id", "port", "op", "direction": "request" | "response", "xml": "<envelope xml>"}
  call    = {"id", "port", "op", "url": "http://127.0.0.1:<port>/...", "xml": "<request envelope xml>"}
  answer  = {"name", "zeep": "<version>", "requests": [...], "replies": [...], "parses": [...],
             "calls": [...]}

For each request zeep builds the message (`client.create_message`) from the same values and
both envelopes are canonicalised the same way (see `canon`). For each reply zeep parses the
envelope (`binding.process_reply`) and the result is written back as tagged JSON (see `out`).
For each parse zeep reads the body and headers of a request or response envelope with the
message of that operation on the binding of the named port (`_deserialize_body` and
`_deserialize_headers`, what `process_reply` runs, without its unwrapping of single results).
For each call zeep's transport POSTs the request envelope to a local server (a soapkit mock) with
the HTTP headers zeep sets for that operation, and zeep's binding processes the HTTP reply
(`binding.process_reply`: status, content type, faults) reading the values as a parse does.

Values arrive as tagged JSON: {"$int": "123"} -> int, {"$b64": "..."} -> bytes,
{"$type": "{ns}local", ...fields} -> an instance of that XSD type (xsi:type), null -> xsd.Nil.

No network: the WSDL is a local file and the transport refuses every remote load/post/get
(calls may only POST to http://127.0.0.1, without proxies or redirects),
except the SOAP 1.1 encoding schema (rpc/encoded WSDLs import it by its namespace URL), which is
served from the local minimal copy in test/fixtures/soap-encoding/soapenc.xsd.
"""

import base64
import datetime
import decimal
import json
import os
import sys
import traceback
from urllib.parse import urlsplit

from lxml import etree
import zeep
from zeep import xsd
from zeep.transports import Transport
import zeep.exceptions
from zeep.xsd.elements import Any, Element
from zeep.xsd.types.complex import ComplexType
from zeep.xsd.types.simple import AnySimpleType
from zeep.xsd.valueobjects import CompoundValue

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
WSA_NS = "http://www.w3.org/2005/08/addressing"
MAX_SAFE = 2**53 - 1


SOAPENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
SOAPENC_XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "soap-encoding", "soapenc.xsd")


# zeep loads the XML namespace's schema from w3.org when an xs:import of it has no location
# (EWS types.xsd, for xml:lang); the same hand-written copy xmllint uses (test/fixtures).
XML_XSD_URLS = ("https://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/xml.xsd")
XML_XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "xml-namespace", "xml.xsd")


class NoNetworkTransport(Transport):
    """A transport that refuses to touch the network (the schemas it may ask for are local)."""

    def _load_remote_data(self, url):
        if url.rstrip("/") == SOAPENC_NS.rstrip("/"):
            with open(SOAPENC_XSD, "rb") as f:
                return f.read()
        if str(url) in XML_XSD_URLS:
            with open(XML_XSD, "rb") as f:
                return f.read()
        raise RuntimeError("network access is blocked in conformance tests: " + str(url))

    def post(self, address, message, headers):
        raise RuntimeError("network access is blocked in conformance tests: " + str(address))

    def post_xml(self, address, envelope, headers):
        raise RuntimeError("network access is blocked in conformance tests: " + str(address))

    def get(self, address, params, headers):
        raise RuntimeError("network access is blocked in conformance tests: " + str(address))


class LoopbackTransport(NoNetworkTransport):
    """POSTs to http://127.0.0.1 only (the test's own server): no proxy from the environment,
    no redirect followed; every other load/post/get is refused as by NoNetworkTransport."""

    def __init__(self):
        super().__init__()
        self.session.trust_env = False
        self.session.max_redirects = 0

    def post(self, address, message, headers):
        url = urlsplit(str(address))
        if url.scheme != "http" or url.hostname != "127.0.0.1":
            raise RuntimeError("only http://127.0.0.1 may be called in conformance tests: " + str(address))
        return Transport.post(self, address, message, headers)

    def post_xml(self, address, envelope, headers):
        # zeep's own serialisation of the envelope, then the guarded `post` above
        return Transport.post_xml(self, address, envelope, headers)


# ------------------------------------------------------------------ values in (JSON -> zeep)

def value_in(client, v):
    if v is None:
        return xsd.Nil
    if isinstance(v, list):
        return [value_in(client, x) for x in v]
    if isinstance(v, dict):
        if "$int" in v:
            return int(v["$int"])
        if "$b64" in v:
            return base64.b64decode(v["$b64"])
        fields = {k: value_in(client, x) for k, x in v.items() if k != "$type"}
        if "$type" in v:
            return client.get_type(v["$type"])(**fields)
        return fields
    return v


# ------------------------------------------------------------------ values out (zeep -> JSON)

def out(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v if -MAX_SAFE <= v <= MAX_SAFE else {"$int": str(v)}
    if isinstance(v, float):
        return v
    if isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray)):
        return {"$b64": base64.b64encode(bytes(v)).decode("ascii")}
    if isinstance(v, decimal.Decimal):
        return {"$dec": str(v)}
    if isinstance(v, datetime.datetime):
        return {"$dt": dt_out(v)}
    if isinstance(v, (datetime.date, datetime.time)):
        return {"$str": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"$dur": v.total_seconds()}
    if etree.iselement(v):
        # Text only for a leaf: the wildcard samples are; greedily read siblings compare by name.
        return {"$el": v.tag} if len(v) > 0 else {"$el": v.tag, "$text": v.text or ""}
    if isinstance(v, list):
        return [out(x) for x in v]
    if isinstance(v, CompoundValue):
        d = {}
        qname = v._xsd_type.qname
        if qname is not None:
            d["$type"] = qname.text
        placeholder = extension_placeholder(v._xsd_type)
        for k, x in v.__values__.items():
            if k == placeholder and x is None:
                continue
            d[k] = out(x)
        return d
    if isinstance(v, dict):
        return {k: out(x) for k, x in v.items()}
    return {"$str": str(v), "$pytype": type(v).__name__}


def extension_placeholder(xsd_type):
    """zeep's `ComplexType.extend` models an extension without element content (of an empty
    base such as EWS BaseItemIdType, or of xs:anyType) as a plain element `_value_1` of the base
    type. No child element ever matches that name, so it reads as None: not a value soapkit
    has (a wildcard is an `Any`, simple content an element of a simple type; both are kept)."""
    el = getattr(xsd_type, "_element", None)
    if isinstance(el, Element) and not isinstance(el, Any) and el.name == "_value_1":
        if not isinstance(el.type, AnySimpleType):
            return "_value_1"
    return None


def dt_out(v):
    """Naive: the wall-clock time as read ("no offset"). Aware: the UTC instant ("...Z")."""
    if v.tzinfo is None or v.utcoffset() is None:
        return v.strftime("%Y-%m-%dT%H:%M:%S") + (".%06d" % v.microsecond if v.microsecond else "")
    u = v.astimezone(datetime.timezone.utc)
    return u.strftime("%Y-%m-%dT%H:%M:%S") + (".%06d" % u.microsecond if u.microsecond else "") + "Z"


# ------------------------------------------------------------------ canonical XML

def canon(el):
    """Element tree with names as {ns}local, attributes (xmlns declarations are not attributes
    in lxml) with xsi:type resolved to {ns}local, character data of leaf elements kept exactly,
    whitespace between child elements dropped (anything else is reported as mixed content)."""
    q = etree.QName(el)
    node = {"name": "{%s}%s" % (q.namespace or "", q.localname)}
    attrs = {}
    for k, val in el.attrib.items():
        if k == XSI_TYPE:
            prefix, _, local = val.rpartition(":")
            uri = el.nsmap.get(prefix if prefix else None)
            val = "{%s}%s" % (uri if uri is not None else "?" + prefix, local)
        attrs[k] = val
    if attrs:
        node["attrs"] = attrs
    children = [c for c in el if isinstance(c.tag, str)]
    if children:
        stray = (el.text or "").strip() + "".join((c.tail or "").strip() for c in el)
        if stray:
            node["mixed"] = stray
        node["children"] = [canon(c) for c in children]
    else:
        node["text"] = el.text or ""
    return node


def parse(xml):
    return etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def strip_wsa(env):
    """zeep adds WS-Addressing headers whenever the portType carries wsaw:Action; remove them
    (returning the Action) so the rest can be compared with a BasicHttpBinding envelope."""
    action = None
    header = env.find("{http://schemas.xmlsoap.org/soap/envelope/}Header")
    if header is None:
        header = env.find("{http://www.w3.org/2003/05/soap-envelope}Header")
    if header is not None:
        for c in list(header):
            if isinstance(c.tag, str) and etree.QName(c).namespace == WSA_NS:
                if etree.QName(c).localname == "Action":
                    action = c.text
                header.remove(c)
        if len(header) == 0:
            env.remove(header)
    return action


# ------------------------------------------------------------------ jobs

def render_headers(operation, values):
    """The header elements zeep renders for `values` (a dict by header part name).

    This is what zeep's `_serialize_header` does for a `_soapheaders` dict, minus its
    `copy.deepcopy` of the values: deepcopy replaces the `xsd.Nil` sentinel by a copy, which
    zeep then writes as the text "Nil" instead of `xsi:nil="true"`. The rendered elements are
    passed to `create_message` as a list, which zeep appends to the Header as they are."""
    header = operation.input.header
    typed = header(**values)
    holder = etree.Element("holder")
    for name, elm in header.type.elements:
        if name in values:
            elm.render(holder, typed[name], ["header", name])
    return list(holder)


class FakeResponse:
    def __init__(self, xml):
        self.status_code = 200
        self.content = xml.encode("utf-8")
        self.headers = {"Content-Type": "text/xml; charset=utf-8"}
        self.encoding = "utf-8"


CLIENTS = {}


def run_suite(suite):
    client = loaded(suite["wsdl"])
    binding = client.service._binding
    requests = []
    for r in suite.get("requests", []):
        item = {"id": r["id"]}
        try:
            params = value_in(client, r["params"])
            kwargs = dict(params)
            if r.get("headers"):
                kwargs["_soapheaders"] = render_headers(binding.get(r["op"]), value_in(client, r["headers"]))
            env = client.create_message(client.service, r["op"], **kwargs)
            env = parse(etree.tostring(env, encoding="unicode"))
            item["wsaAction"] = strip_wsa(env)
            item["zeep"] = canon(env)
            item["soapkit"] = canon(parse(r["soapkit"]))
        except Exception as e:  # reported per request, the run goes on
            item["error"] = "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=4))
        requests.append(item)
    replies = []
    for r in suite.get("replies", []):
        item = {"id": r["id"]}
        try:
            result = binding.process_reply(client, binding.get(r["op"]), FakeResponse(r["xml"]))
            if result is None:
                item["body"] = None
                item["header"] = None
            else:
                item["body"] = out(result.body)
                item["header"] = out(result.header)
        except Exception as e:
            item["error"] = "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=4))
        replies.append(item)
    return {"requests": requests, "replies": replies}


def find_binding(client, port):
    for service in client.wsdl.services.values():
        if port in service.ports:
            return service.ports[port].binding
    raise KeyError("no port %r in the WSDL" % port)


def run_parse(client, r):
    operation = find_binding(client, r["port"]).get(r["op"])
    message = operation.input if r["direction"] == "request" else operation.output
    return read_message(message, parse(r["xml"]))


def read_message(message, env):
    """The body and header values of `env` read with `message` (tagged JSON, see `out`)."""
    ns = etree.QName(env).namespace
    body = message._deserialize_body(env.find("{%s}Body" % ns))
    header_el = env.find("{%s}Header" % ns)
    header = message._deserialize_headers(header_el) if header_el is not None else {}
    return {
        "body": out(body.get("body") if isinstance(body, dict) and "body" in body else body),
        "header": out(header.get("header") if isinstance(header, dict) else header),
    }


class Reading:
    """The binding operation as `binding.process_reply` sees it, except that the reply is read
    as a parse reads it (`read_message`, without `deserialize`'s unwrapping of single results)."""

    def __init__(self, operation):
        self._operation = operation

    def __getattr__(self, name):
        return getattr(self._operation, name)

    def process_reply(self, envelope):
        return read_message(self._operation.output, envelope)


class Headers:
    """What `_set_http_headers` fills: zeep's SOAPAction, then the binding's Content-Type."""

    def __init__(self, binding, operation):
        action = operation.soapaction
        self.headers = {"SOAPAction": '"%s"' % action if action else '""'}
        binding._set_http_headers(self, operation)


def failed(item, e, client=None, xml=None):
    """Record the error of one item (the run goes on), and the zeep limitation behind it if any."""
    item["error"] = "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=4))
    limitation = zeep_limitation(client, xml, e) if xml is not None else None
    if limitation is not None:
        item["limitation"] = limitation


def run_call(client, transport, r):
    """POST the request envelope with zeep's transport and process the HTTP reply with zeep's
    binding (what `ServiceProxy` runs from `post_xml` on)."""
    item = {"id": r["id"]}
    try:
        binding = find_binding(client, r["port"])
        operation = binding.get(r["op"])
        response = transport.post_xml(r["url"], parse(r["xml"]), Headers(binding, operation).headers)
    except Exception as e:
        failed(item, e)
        return item
    item["status"] = response.status_code
    try:
        read = binding.process_reply(client, Reading(operation), response)
        item.update(read if read is not None else {"body": None, "header": None})
    except Exception as e:
        failed(item, e, client, response.content.decode(response.encoding or "utf-8"))
    return item


def run_calls(suite):
    client = loaded(suite["wsdl"])
    transport = LoopbackTransport()
    return [run_call(client, transport, r) for r in suite.get("calls", [])]


def loaded(wsdl):
    client = CLIENTS.get(wsdl)
    if client is None:
        client = CLIENTS[wsdl] = zeep.Client(wsdl, transport=NoNetworkTransport())
    return client


LOST = {}


def lost_base_elements(client):
    """Types whose zeep model lacks elements of their base (zeep's `ComplexType.extend` takes the
    base's own sequence only when the base is itself an extension, e.g. EWS ResponseObjectCoreType
    of MessageType of ItemType loses ItemType's elements): {type qname: (base qname, names)}."""
    found = LOST.get(id(client))
    if found is not None:
        return found
    found = LOST[id(client)] = {}
    for t in client.wsdl.types.types:
        if not isinstance(t, ComplexType) or t.qname is None:
            continue
        own = {k for k, _ in t.elements}
        for cls in getattr(t, "_extension_types", ()) or ():
            base = getattr(cls, "_xsd_type", None)
            if isinstance(base, ComplexType) and base.qname is not None:
                missing = {k for k, _ in client.get_type(base.qname).elements if not k.startswith("_value_")} - own
                if missing:
                    found[t.qname.text] = (base.qname.text, missing)
    return found


def zeep_limitation(client, xml, error):
    """The documented zeep limitation behind a parse error, or None: an element the xsi:type'd
    type inherits but zeep's model of that type lost (see `lost_base_elements`)."""
    if not isinstance(error, zeep.exceptions.XMLParseError):
        return None
    unexpected = str(error).split("'")[1] if str(error).startswith("Unexpected element '") else None
    if unexpected is None:
        return None
    local = etree.QName(unexpected).localname
    lost = lost_base_elements(client)
    for el in parse(xml).iter():
        val = el.get(XSI_TYPE) if isinstance(el.tag, str) else None
        if val is None:
            continue
        prefix, _, name = val.rpartition(":")
        qname = "{%s}%s" % (el.nsmap.get(prefix or None, ""), name)
        if qname in lost and local in lost[qname][1]:
            return "zeep's model of %s lost %s inherited from %s" % (qname, local, lost[qname][0])
    return None


def run_parses(suite):
    client = loaded(suite["wsdl"])
    results = []
    for r in suite.get("parses", []):
        item = {"id": r["id"]}
        try:
            item.update(run_parse(client, r))
        except Exception as e:  # reported per document, the run goes on
            failed(item, e, client, r["xml"])
        results.append(item)
    return results


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            answer = run_suite(job)
            answer["parses"] = run_parses(job)
            answer["calls"] = run_calls(job)
        except Exception as e:  # zeep cannot load this WSDL: every item of the job fails
            error = "zeep could not load %s: %s: %s" % (job["wsdl"], type(e).__name__, e)
            answer = {key: [{"id": r["id"], "error": error} for r in job.get(key, [])]
                      for key in ("requests", "replies", "parses", "calls")}
        answer["name"] = job["name"]
        answer["zeep"] = zeep.__version__
        sys.stdout.write(json.dumps(answer, ensure_ascii=True) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

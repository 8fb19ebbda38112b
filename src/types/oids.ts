// pg_type oids of the built-in types (PostgreSQL 15 pg_type.dat).
export const OID = {
  bool: 16, bytea: 17, char: 18, name: 19, int8: 20, int2: 21, int2vector: 22, int4: 23,
  regproc: 24, text: 25, oid: 26, tid: 27, xid: 28, cid: 29, oidvector: 30,
  xid8: 5069, _xid8: 271,
  json: 114, xml: 142, float4: 700, float8: 701, unknown: 705, money: 790,
  inet: 869, cidr: 650, macaddr: 829,
  bpchar: 1042, varchar: 1043, date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184,
  interval: 1186, timetz: 1266, bit: 1560, varbit: 1562, numeric: 1700, refcursor: 1790,
  regprocedure: 2202, regoper: 2203, regoperator: 2204, regclass: 2205, regtype: 2206,
  record: 2249, cstring: 2275, any: 2276, anyarray: 2277, void: 2278, trigger: 2279,
  internal: 2281, anyelement: 2283, anynonarray: 2776, uuid: 2950, jsonb: 3802, jsonpath: 4072,
  anyenum: 3500, anyrange: 3831, regconfig: 3734, regnamespace: 4089, regrole: 4096,
  anycompatible: 5077, anycompatiblearray: 5078, anycompatiblenonarray: 5079,

  // array types (pg_type.typarray of the element)
  _bool: 1000, _bytea: 1001, _char: 1002, _name: 1003, _int8: 1016, _int2: 1005,
  _int2vector: 1006, _int4: 1007, _regproc: 1008, _text: 1009, _oid: 1028, _tid: 1010,
  _xid: 1011, _cid: 1012, _oidvector: 1013, _json: 199, _xml: 143, _float4: 1021,
  _float8: 1022, _money: 791, _inet: 1041, _cidr: 651, _macaddr: 1040, _bpchar: 1014,
  _varchar: 1015, _date: 1182, _time: 1183, _timestamp: 1115, _timestamptz: 1185,
  _interval: 1187, _timetz: 1270, _bit: 1561, _varbit: 1563, _numeric: 1231,
  _refcursor: 2201, _regprocedure: 2207, _regoper: 2208, _regoperator: 2209,
  _regclass: 2210, _regtype: 2211, _record: 2287, _cstring: 1263, _uuid: 2951,
  _jsonb: 3807, _jsonpath: 4073, _regnamespace: 4090, _regrole: 4097, _regconfig: 3735,
} as const;

export type OidName = keyof typeof OID;

-- regoper and regoperator read and print operator names along the search path (regproc.c).
SELECT '+(int4,int4)'::regoperator, '||(text,text)'::regoperator::oid > 0, '!~'::regoper;
SELECT '-(NONE,int4)'::regoperator;
SELECT '+'::regoper;
SELECT 'nosuch'::regoper;
SELECT '+(int4,text)'::regoperator;
SELECT '+(int4)'::regoperator;
SELECT 0::regoper, 0::regoperator, '-'::regoper, 99999999::regoperator;
SELECT oid::regoperator, oid::regoper FROM pg_operator WHERE oprname = '=' AND oprleft = 'int4'::regtype AND oprright = 'int4'::regtype;
SELECT '~~'::regoper;
create schema s2;
create function s2.tpl(text, int) returns text language sql as 'select $1 || $2';
create operator s2.%%% (leftarg = text, rightarg = int, function = s2.tpl);
SELECT 's2.%%%'::regoper, 's2.%%%(text,int4)'::regoperator;
SELECT '%%%'::regoper;
set search_path = public, s2;
SELECT '%%%'::regoper, '%%%(text,integer)'::regoperator, 's2.%%%'::regoper::oid = '%%%(text,int)'::regoperator::oid;
SELECT '+(int4,int4,int4)'::regoperator;

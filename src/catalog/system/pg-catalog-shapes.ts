// The columns of PostgreSQL 15's system catalogs and views that Relata lists for clients
// (relation: [oid, is a view, "column:type" words, ! = NOT NULL]), copied from a PostgreSQL 15
// server's pg_attribute. Types Relata lacks (aclitem, pg_lsn, inet, anyarray, pg_ndistinct …)
// read as text or text[].
export const CATALOG_SHAPES: Record<string, [number, boolean, string]> = {
  pg_default_acl: [826, false, 'oid:oid! defaclrole:oid! defaclnamespace:oid! defaclobjtype:char! defaclacl:_text!'],
  pg_tablespace: [1213, false, 'oid:oid! spcname:name! spcowner:oid! spcacl:_text spcoptions:_text'],
  pg_shdepend: [1214, false, 'dbid:oid! classid:oid! objid:oid! objsubid:int4! refclassid:oid! refobjid:oid! deptype:char!'],
  pg_proc: [1255, false,
    'oid:oid! proname:name! pronamespace:oid! proowner:oid! prolang:oid! procost:float4! prorows:float4! ' +
    'provariadic:oid! prosupport:regproc! prokind:char! prosecdef:bool! proleakproof:bool! proisstrict:bool! ' +
    'proretset:bool! provolatile:char! proparallel:char! pronargs:int2! pronargdefaults:int2! prorettype:oid! ' +
    'proargtypes:oidvector! proallargtypes:_oid proargmodes:_char proargnames:_text proargdefaults:pg_node_tree ' +
    'protrftypes:_oid prosrc:text! probin:text prosqlbody:pg_node_tree proconfig:_text proacl:_text'],
  pg_foreign_server: [1417, false,
    'oid:oid! srvname:name! srvowner:oid! srvfdw:oid! srvtype:text srvversion:text srvacl:_text srvoptions:_text'],
  pg_user_mapping: [1418, false, 'oid:oid! umuser:oid! umserver:oid! umoptions:_text'],
  pg_foreign_data_wrapper: [2328, false,
    'oid:oid! fdwname:name! fdwowner:oid! fdwhandler:oid! fdwvalidator:oid! fdwacl:_text fdwoptions:_text'],
  pg_shdescription: [2396, false, 'objoid:oid! classoid:oid! description:text!'],
  pg_aggregate: [2600, false,
    'aggfnoid:regproc! aggkind:char! aggnumdirectargs:int2! aggtransfn:regproc! aggfinalfn:regproc! ' +
    'aggcombinefn:regproc! aggserialfn:regproc! aggdeserialfn:regproc! aggmtransfn:regproc! ' +
    'aggminvtransfn:regproc! aggmfinalfn:regproc! aggfinalextra:bool! aggmfinalextra:bool! aggfinalmodify:char! ' +
    'aggmfinalmodify:char! aggsortop:oid! aggtranstype:oid! aggtransspace:int4! aggmtranstype:oid! ' +
    'aggmtransspace:int4! agginitval:text aggminitval:text'],
  pg_am: [2601, false, 'oid:oid! amname:name! amhandler:regproc! amtype:char!'],
  pg_amop: [2602, false,
    'oid:oid! amopfamily:oid! amoplefttype:oid! amoprighttype:oid! amopstrategy:int2! amoppurpose:char! ' +
    'amopopr:oid! amopmethod:oid! amopsortfamily:oid!'],
  pg_amproc: [2603, false, 'oid:oid! amprocfamily:oid! amproclefttype:oid! amprocrighttype:oid! amprocnum:int2! amproc:regproc!'],
  pg_cast: [2605, false, 'oid:oid! castsource:oid! casttarget:oid! castfunc:oid! castcontext:char! castmethod:char!'],
  pg_conversion: [2607, false,
    'oid:oid! conname:name! connamespace:oid! conowner:oid! conforencoding:int4! contoencoding:int4! ' +
    'conproc:regproc! condefault:bool!'],
  pg_language: [2612, false,
    'oid:oid! lanname:name! lanowner:oid! lanispl:bool! lanpltrusted:bool! lanplcallfoid:oid! laninline:oid! ' +
    'lanvalidator:oid! lanacl:_text'],
  pg_opclass: [2616, false,
    'oid:oid! opcmethod:oid! opcname:name! opcnamespace:oid! opcowner:oid! opcfamily:oid! opcintype:oid! ' +
    'opcdefault:bool! opckeytype:oid!'],
  pg_operator: [2617, false,
    'oid:oid! oprname:name! oprnamespace:oid! oprowner:oid! oprkind:char! oprcanmerge:bool! oprcanhash:bool! ' +
    'oprleft:oid! oprright:oid! oprresult:oid! oprcom:oid! oprnegate:oid! oprcode:regproc! oprrest:regproc! ' +
    'oprjoin:regproc!'],
  pg_rewrite: [2618, false,
    'oid:oid! rulename:name! ev_class:oid! ev_type:char! ev_enabled:char! is_instead:bool! ev_qual:pg_node_tree! ' +
    'ev_action:pg_node_tree!'],
  pg_trigger: [2620, false,
    'oid:oid! tgrelid:oid! tgparentid:oid! tgname:name! tgfoid:oid! tgtype:int2! tgenabled:char! ' +
    'tgisinternal:bool! tgconstrrelid:oid! tgconstrindid:oid! tgconstraint:oid! tgdeferrable:bool! ' +
    'tginitdeferred:bool! tgnargs:int2! tgattr:int2vector! tgargs:bytea! tgqual:pg_node_tree tgoldtable:name ' +
    'tgnewtable:name'],
  pg_opfamily: [2753, false, 'oid:oid! opfmethod:oid! opfname:name! opfnamespace:oid! opfowner:oid!'],
  pg_largeobject_metadata: [2995, false, 'oid:oid! lomowner:oid! lomacl:_text'],
  pg_extension: [3079, false,
    'oid:oid! extname:name! extowner:oid! extnamespace:oid! extrelocatable:bool! extversion:text! extconfig:_oid ' +
    'extcondition:_text'],
  pg_foreign_table: [3118, false, 'ftrelid:oid! ftserver:oid! ftoptions:_text'],
  pg_policy: [3256, false,
    'oid:oid! polname:name! polrelid:oid! polcmd:char! polpermissive:bool! polroles:_oid! polqual:pg_node_tree ' +
    'polwithcheck:pg_node_tree'],
  pg_partitioned_table: [3350, false,
    'partrelid:oid! partstrat:char! partnatts:int2! partdefid:oid! partattrs:int2vector! partclass:oidvector! ' +
    'partcollation:oidvector! partexprs:pg_node_tree'],
  pg_statistic_ext: [3381, false,
    'oid:oid! stxrelid:oid! stxname:name! stxnamespace:oid! stxowner:oid! stxstattarget:int4! stxkeys:int2vector! ' +
    'stxkind:_char! stxexprs:pg_node_tree'],
  pg_init_privs: [3394, false, 'objoid:oid! classoid:oid! objsubid:int4! privtype:char! initprivs:_text!'],
  pg_statistic_ext_data: [3429, false,
    'stxoid:oid! stxdinherit:bool! stxdndistinct:text stxddependencies:text stxdmcv:text stxdexpr:_text'],
  pg_collation: [3456, false,
    'oid:oid! collname:name! collnamespace:oid! collowner:oid! collprovider:char! collisdeterministic:bool! ' +
    'collencoding:int4! collcollate:text collctype:text colliculocale:text collversion:text'],
  pg_event_trigger: [3466, false, 'oid:oid! evtname:name! evtevent:name! evtowner:oid! evtfoid:oid! evtenabled:char! evttags:_text'],
  pg_enum: [3501, false, 'oid:oid! enumtypid:oid! enumsortorder:float4! enumlabel:name!'],
  pg_range: [3541, false,
    'rngtypid:oid! rngsubtype:oid! rngmultitypid:oid! rngcollation:oid! rngsubopc:oid! rngcanonical:regproc! ' +
    'rngsubdiff:regproc!'],
  pg_transform: [3576, false, 'oid:oid! trftype:oid! trflang:oid! trffromsql:regproc! trftosql:regproc!'],
  pg_shseclabel: [3592, false, 'objoid:oid! classoid:oid! provider:text! label:text!'],
  pg_seclabel: [3596, false, 'objoid:oid! classoid:oid! objsubid:int4! provider:text! label:text!'],
  pg_ts_dict: [3600, false, 'oid:oid! dictname:name! dictnamespace:oid! dictowner:oid! dicttemplate:oid! dictinitoption:text'],
  pg_ts_config: [3602, false, 'oid:oid! cfgname:name! cfgnamespace:oid! cfgowner:oid! cfgparser:oid!'],
  pg_subscription: [6100, false,
    'oid:oid! subdbid:oid! subskiplsn:text! subname:name! subowner:oid! subenabled:bool! subbinary:bool! ' +
    'substream:bool! subtwophasestate:char! subdisableonerr:bool! subconninfo:text! subslotname:name ' +
    'subsynccommit:text! subpublications:_text!'],
  pg_subscription_rel: [6102, false, 'srsubid:oid! srrelid:oid! srsubstate:char! srsublsn:text'],
  pg_publication: [6104, false,
    'oid:oid! pubname:name! pubowner:oid! puballtables:bool! pubinsert:bool! pubupdate:bool! pubdelete:bool! ' +
    'pubtruncate:bool! pubviaroot:bool!'],
  pg_publication_rel: [6106, false, 'oid:oid! prpubid:oid! prrelid:oid! prqual:pg_node_tree prattrs:int2vector'],
  pg_publication_namespace: [6237, false, 'oid:oid! pnpubid:oid! pnnspid:oid!'],
  pg_policies: [12018, true,
    'schemaname:name tablename:name policyname:name permissive:text roles:_name cmd:text qual:text with_check:text'],
  pg_rules: [12023, true, 'schemaname:name tablename:name rulename:name definition:text'],
  pg_matviews: [12038, true,
    'schemaname:name matviewname:name matviewowner:name tablespace:name hasindexes:bool ispopulated:bool ' +
    'definition:text'],
  pg_stats: [12053, true,
    'schemaname:name tablename:name attname:name inherited:bool null_frac:float4 avg_width:int4 n_distinct:float4 ' +
    'most_common_vals:_text most_common_freqs:_float4 histogram_bounds:_text correlation:float4 ' +
    'most_common_elems:_text most_common_elem_freqs:_float4 elem_count_histogram:_float4'],
  pg_stats_ext: [12058, true,
    'schemaname:name tablename:name statistics_schemaname:name statistics_name:name statistics_owner:name ' +
    'attnames:_name exprs:_text kinds:_char inherited:bool n_distinct:text dependencies:text ' +
    'most_common_vals:_text most_common_val_nulls:_bool most_common_freqs:_float8 most_common_base_freqs:_float8'],
  pg_publication_tables: [12068, true, 'pubname:name schemaname:name tablename:name attnames:_name rowfilter:text'],
  pg_locks: [12073, true,
    'locktype:text database:oid relation:oid page:int4 tuple:int2 virtualxid:text transactionid:xid classid:oid ' +
    'objid:oid objsubid:int2 virtualtransaction:text pid:int4 mode:text granted:bool fastpath:bool ' +
    'waitstart:timestamptz'],
  pg_cursors: [12077, true, 'name:text statement:text is_holdable:bool is_binary:bool is_scrollable:bool creation_time:timestamptz'],
  pg_available_extensions: [12081, true, 'name:name default_version:text installed_version:text comment:text'],
  pg_available_extension_versions: [12085, true,
    'name:name version:text installed:bool superuser:bool trusted:bool relocatable:bool schema:name requires:_name ' +
    'comment:text'],
  pg_prepared_xacts: [12090, true, 'transaction:xid gid:text prepared:timestamptz owner:name database:name'],
  pg_prepared_statements: [12095, true,
    'name:text statement:text prepare_time:timestamptz parameter_types:_regtype from_sql:bool generic_plans:int8 ' +
    'custom_plans:int8'],
  pg_file_settings: [12110, true, 'sourcefile:text sourceline:int4 seqno:int4 name:text setting:text applied:bool error:text'],
  pg_hba_file_rules: [12114, true,
    'line_number:int4 type:text database:_text user_name:_text address:text netmask:text auth_method:text ' +
    'options:_text error:text'],
  pg_timezone_abbrevs: [12122, true, 'abbrev:text utc_offset:interval is_dst:bool'],
  pg_timezone_names: [12126, true, 'name:text abbrev:text utc_offset:interval is_dst:bool'],
  pg_config: [12130, true, 'name:text setting:text'],
  pg_stat_all_tables: [12142, true,
    'relid:oid schemaname:name relname:name seq_scan:int8 seq_tup_read:int8 idx_scan:int8 idx_tup_fetch:int8 ' +
    'n_tup_ins:int8 n_tup_upd:int8 n_tup_del:int8 n_tup_hot_upd:int8 n_live_tup:int8 n_dead_tup:int8 ' +
    'n_mod_since_analyze:int8 n_ins_since_vacuum:int8 last_vacuum:timestamptz last_autovacuum:timestamptz ' +
    'last_analyze:timestamptz last_autoanalyze:timestamptz vacuum_count:int8 autovacuum_count:int8 ' +
    'analyze_count:int8 autoanalyze_count:int8'],
  pg_stat_user_tables: [12161, true,
    'relid:oid schemaname:name relname:name seq_scan:int8 seq_tup_read:int8 idx_scan:int8 idx_tup_fetch:int8 ' +
    'n_tup_ins:int8 n_tup_upd:int8 n_tup_del:int8 n_tup_hot_upd:int8 n_live_tup:int8 n_dead_tup:int8 ' +
    'n_mod_since_analyze:int8 n_ins_since_vacuum:int8 last_vacuum:timestamptz last_autovacuum:timestamptz ' +
    'last_analyze:timestamptz last_autoanalyze:timestamptz vacuum_count:int8 autovacuum_count:int8 ' +
    'analyze_count:int8 autoanalyze_count:int8'],
  pg_statio_all_tables: [12170, true,
    'relid:oid schemaname:name relname:name heap_blks_read:int8 heap_blks_hit:int8 idx_blks_read:int8 ' +
    'idx_blks_hit:int8 toast_blks_read:int8 toast_blks_hit:int8 tidx_blks_read:int8 tidx_blks_hit:int8'],
  pg_statio_user_tables: [12179, true,
    'relid:oid schemaname:name relname:name heap_blks_read:int8 heap_blks_hit:int8 idx_blks_read:int8 ' +
    'idx_blks_hit:int8 toast_blks_read:int8 toast_blks_hit:int8 tidx_blks_read:int8 tidx_blks_hit:int8'],
  pg_stat_all_indexes: [12183, true,
    'relid:oid indexrelid:oid schemaname:name relname:name indexrelname:name idx_scan:int8 idx_tup_read:int8 ' +
    'idx_tup_fetch:int8'],
  pg_stat_user_indexes: [12192, true,
    'relid:oid indexrelid:oid schemaname:name relname:name indexrelname:name idx_scan:int8 idx_tup_read:int8 ' +
    'idx_tup_fetch:int8'],
  pg_stat_replication: [12227, true,
    'pid:int4 usesysid:oid usename:name application_name:text client_addr:text client_hostname:text ' +
    'client_port:int4 backend_start:timestamptz backend_xmin:xid state:text sent_lsn:text write_lsn:text ' +
    'flush_lsn:text replay_lsn:text write_lag:interval flush_lag:interval replay_lag:interval sync_priority:int4 ' +
    'sync_state:text reply_time:timestamptz'],
  pg_replication_slots: [12257, true,
    'slot_name:name plugin:name slot_type:text datoid:oid database:name temporary:bool active:bool active_pid:int4 ' +
    'xmin:xid catalog_xmin:xid restart_lsn:text confirmed_flush_lsn:text wal_status:text safe_wal_size:int8 ' +
    'two_phase:bool'],
  pg_stat_database: [12266, true,
    'datid:oid datname:name numbackends:int4 xact_commit:int8 xact_rollback:int8 blks_read:int8 blks_hit:int8 ' +
    'tup_returned:int8 tup_fetched:int8 tup_inserted:int8 tup_updated:int8 tup_deleted:int8 conflicts:int8 ' +
    'temp_files:int8 temp_bytes:int8 deadlocks:int8 checksum_failures:int8 checksum_last_failure:timestamptz ' +
    'blk_read_time:float8 blk_write_time:float8 session_time:float8 active_time:float8 ' +
    'idle_in_transaction_time:float8 sessions:int8 sessions_abandoned:int8 sessions_fatal:int8 ' +
    'sessions_killed:int8 stats_reset:timestamptz'],
  pg_user_mappings: [12327, true, 'umid:oid srvid:oid srvname:name umuser:oid usename:name umoptions:_text'],
};

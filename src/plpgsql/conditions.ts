// PL/pgSQL condition names (plerrcodes.h) for EXCEPTION WHEN and RAISE: the common ones,
// plus every name in errors/sqlstate.ts.
import { SQLSTATE } from '../errors/sqlstate.js';

const NAMES: Record<string, string> = {
  ...(SQLSTATE as Record<string, string>),
  raise_exception: 'P0001', no_data_found: 'P0002', too_many_rows: 'P0003', assert_failure: 'P0004', plpgsql_error: 'P0000',
  division_by_zero: '22012', numeric_value_out_of_range: '22003', invalid_text_representation: '22P02', string_data_right_truncation: '22001',
  null_value_not_allowed: '22004', invalid_parameter_value: '22023', data_exception: '22000', datetime_field_overflow: '22008',
  invalid_datetime_format: '22007', character_not_in_repertoire: '22021', array_subscript_error: '2202E', invalid_escape_sequence: '22025',
  integrity_constraint_violation: '23000', restrict_violation: '23001', not_null_violation: '23502', foreign_key_violation: '23503',
  unique_violation: '23505', check_violation: '23514', exclusion_violation: '23P01',
  invalid_cursor_state: '24000', invalid_transaction_state: '25000', read_only_sql_transaction: '25006', in_failed_sql_transaction: '25P02',
  syntax_error_or_access_rule_violation: '42000', syntax_error: '42601', insufficient_privilege: '42501', undefined_column: '42703',
  undefined_table: '42P01', undefined_function: '42883', undefined_object: '42704', duplicate_table: '42P07', duplicate_object: '42710',
  duplicate_function: '42723', duplicate_column: '42701', datatype_mismatch: '42804', wrong_object_type: '42809', invalid_schema_name: '3F000',
  feature_not_supported: '0A000', cardinality_violation: '21000', object_not_in_prerequisite_state: '55000', lock_not_available: '55P03',
  object_in_use: '55006', serialization_failure: '40001', deadlock_detected: '40P01', transaction_rollback: '40000',
  query_canceled: '57014', internal_error: 'XX000', program_limit_exceeded: '54000', statement_too_complex: '54001',
  insufficient_resources: '53000', out_of_memory: '53200', dependent_objects_still_exist: '2BP01', invalid_cursor_name: '34000',
  undefined_parameter: '42P02', ambiguous_column: '42702', ambiguous_function: '42725', grouping_error: '42803', invalid_foreign_key: '42830',
  indeterminate_datatype: '42P18', reserved_name: '42939', name_too_long: '42622', invalid_column_reference: '42P10',
  warning: '01000', no_data: '02000', sql_routine_exception: '2F000', function_executed_no_return_statement: '2F005',
  triggered_action_exception: '09000', case_not_found: '20000', invalid_authorization_specification: '28000',
  invalid_regular_expression: '2201B', floating_point_exception: '22P01', zero_length_character_string: '2200F',
  invalid_binary_representation: '22P03', bad_copy_file_format: '22P04', untranslatable_character: '22P05',
  invalid_row_count_in_limit_clause: '2201W', invalid_argument_for_power_function: '2201F', interval_field_overflow: '22015',
  invalid_preceding_or_following_size: '22013', most_specific_type_mismatch: '2200G', indicator_overflow: '22022',
  invalid_table_definition: '42P16', invalid_object_definition: '42P17', invalid_function_definition: '42P13',
  collation_mismatch: '42P21', too_many_columns: '54011', too_many_arguments: '54023', configuration_limit_exceeded: '53400',
  disk_full: '53100', too_many_connections: '53300', connection_exception: '08000', invalid_sql_statement_name: '26000',
  invalid_catalog_name: '3D000', prepared_statement_definition_error: '42P14', duplicate_cursor: '42P03', duplicate_database: '42P04',
  duplicate_prepared_statement: '42P05', duplicate_schema: '42P06', duplicate_alias: '42712', ambiguous_parameter: '42P08',
  ambiguous_alias: '42P09', undefined_cursor: '34000', invalid_savepoint_specification: '3B001', active_sql_transaction: '25001',
  no_active_sql_transaction: '25P01', snapshot_too_old: '72000', crash_shutdown: '57P02', admin_shutdown: '57P01',
  string_data_length_mismatch: '22026', invalid_character_value_for_cast: '22018', invalid_time_zone_displacement_value: '22009',
  character_value_for_cast: '22018', trim_error: '22027', unterminated_c_string: '22024', nonstandard_use_of_escape_character: '22P06',
  null_value_no_indicator_parameter: '22002', error_in_assignment: '22005', escape_character_conflict: '2200B',
  invalid_use_of_escape_character: '2200C', invalid_escape_octet: '2200D', invalid_limit_value: '22020', sequence_generator_limit_exceeded: '2200H',
  invalid_json_text: '22032', array_element_error: '2202E', modifying_sql_data_not_permitted: '2F002', reading_sql_data_not_permitted: '2F004',
  invalid_grant_operation: '0LP01', invalid_role_specification: '0P000', locator_exception: '0F000', invalid_locator_specification: '0F001',
};

/** The SQLSTATE of a condition name, or undefined. */
export function conditionCode(name: string): string | undefined {
  return NAMES[name.toLowerCase()];
}

/** Does the error code match the condition (a name, 'others' or 'sqlstate:xxxxx'; class codes match their class)? */
export function conditionMatches(cond: string, code: string): boolean {
  if (cond === 'others') return code !== '57014' && code !== '57P01';
  const want = cond.startsWith('sqlstate:') ? cond.slice(9) : conditionCode(cond);
  if (!want) return false;
  // a class condition (…000) matches every code of its class
  return want === code || (want.endsWith('000') && code.startsWith(want.slice(0, 2)));
}

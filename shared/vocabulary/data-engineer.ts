/**
 * The data engineer's working vocabulary, spelled the way it is written: the tools and platforms of
 * the role, and the terms of the trade. One copy: the rubric's tool lexicon is these tool names in
 * lower case (plus its word patterns), and the speech recogniser is primed with them so "dbt" is not
 * heard as "DVD" or "Fivetran" as "5-3an".
 */
import type { RoleVocabulary } from './types.ts';

// Vocabulary lists stay packed, several words a line, so they read as lists.
// prettier-ignore
export const DATA_ENGINEER_VOCABULARY: RoleVocabulary = {
  tools: [
    'dbt', 'Airflow', 'Snowflake', 'Fivetran', 'Spark', 'Kafka', 'BigQuery', 'PySpark', 'Flink', 'Airbyte',
    'Segment', 'Great Expectations', 'Redshift', 'Databricks', 'Delta Lake', 'Iceberg',
    'Hive', 'Presto', 'Trino', 'Looker', 'Tableau', 'Dagster', 'Prefect', 'Kubernetes', 'Terraform',
    'Postgres', 'PostgreSQL', 'MySQL', 'SQL Server', 'Oracle', 'Monte Carlo', 'S3', 'GCS', 'Glue',
    'Athena', 'Kinesis', 'Debezium', 'Parquet', 'Hadoop', 'EMR', 'Dataflow', 'Beam', 'Metabase',
    'Superset', 'Jinja', 'DAG', 'ChatGPT', 'Copilot', 'Claude', 'Gemini', 'LLM', 'AI', 'Retool',
    'Excel', 'VBScript', 'PowerShell',
  ],
  terms: [
    'backfill', 'SLA', 'SLAs', 'ETL', 'ELT', 'CDC', 'schema', 'upstream', 'downstream', 'idempotent',
    'dedupe', 'data warehouse', 'data lake', 'lakehouse', 'data contract', 'on-call', 'PagerDuty',
    'post-mortem', 'incremental model', 'partition', 'DAGs', 'SQL', 'Python', 'API', 'stakeholders',
    'dashboard', 'late-arriving data', 'cutover', 'rollback', 'null', 'row count', 'freshness',
  ],
};

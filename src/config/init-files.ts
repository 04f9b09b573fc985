// What `dolps-sync init` writes: a commented conf.ini in the original tool's layout ([url],
// [resource_file], [db], with [dolps]) plus the keys dolps-sync added, and a starter .dolpsignore.
// Every key is commented out: an unedited file changes nothing, and a test checks that each key named
// here is one the loader knows (schema.ts), so the template cannot drift from it.

export const INIT_CONF = 'conf.ini';
export const INIT_IGNORE = '.dolpsignore';

export const CONF_TEMPLATE = `# dolps-sync configuration. Uncomment what you need; flags and DOLPS_* environment variables win
# over this file (dolps-sync doctor -v shows where each setting came from). Read it with
# --config conf.ini or DOLPS_CONFIG=conf.ini. Keep secrets out of files you commit: prefer DOLPS_TOKEN
# (and DOLPS_PASSWORD, DOLPS_DB_PASSWORD) in the environment or a CI secret.

[url]
# The DolphinScheduler API base (the original tool's four endpoint URLs, create_dir, create_file,
# delete_update_resource and query_resource, are accepted too, if they share this base).
# base = http://ds-host:12345/dolphinscheduler

[dolps]
# The remote root in the Resource Center, where the local directory goes.
# src_dir = /gitlab
# A token (Security → Token Manage): better in DOLPS_TOKEN than here.
# token =
# Or log in as a user (the password from DOLPS_PASSWORD):
# user_name = etl
# API generation: auto (detected), 3.0, 3.1, 3.2 or 3.3.
# api = auto
# Tenant code, 3.2 and later.
# tenant = etl

[resource_file]
# The local directory to sync (relative to where dolps-sync runs); inside a git repository.
# src_dir = resources
# Backups of overwritten and deleted remote files, and the operation log.
# log_dir = dolps-log
# Exclude globs, one per indented line (also .dolpsignore in the local directory).
# exclude =
#     *.tmp
#     scratch/**

[sync]
# Seconds per request, operations in flight at once, retries after connection errors and 5xx.
# timeout = 30
# concurrency = 4
# retries = 3

[db]
# The metadata database (3.0/3.1), read only, to find resource ids without listing the whole tree.
# type = postgresql
# host = db-host
# port = 5432
# user = ds_reader
# database = dolphinscheduler
# The password: better in DOLPS_DB_PASSWORD.
# password =

[udf]
# A folder under the local directory whose .jar files go to the UDF resource tree (3.0-3.2), with
# its functions.yaml; and the UDF tree directory for it.
# dir = udf
# remote_dir = /gitlab

# Targets: several servers (or remote roots) fed from one file. [target.NAME] holds branches, the
# globs of the branches that sync there (or choose it with --target NAME / DOLPS_TARGET);
# [target.NAME.SECTION] overrides [SECTION] key by key, with the same key names. Each target needs a
# server or remote root of its own. Without a target section, none of this applies. For example:
#   [target.prod]
#   branches = main, release/*
#   [target.prod.url]
#   base = http://ds-prod:12345/dolphinscheduler
#   [target.test]
#   branches = develop, feature/*
#   [target.test.dolps]
#   src_dir = /gitlab-test
`;

export const IGNORE_TEMPLATE = `# Files dolps-sync never uploads, in .gitignore syntax, relative to the local directory.
# In git mode the .dolpsignore of the synced commit is read, not the working tree's.
*.tmp
*.swp
.DS_Store
`;

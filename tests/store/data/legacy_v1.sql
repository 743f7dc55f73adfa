-- A store written by conflictlens before Alembic (schema_version 1, commit 0849b3d), as sqlite3 .dump;
-- made with that commit's Store and tests/store/store_records.py. Loaded by test_store_migrations.py.
BEGIN TRANSACTION;
CREATE TABLE actor_mentions (
	doc_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	surface TEXT NOT NULL, 
	actor_id VARCHAR, 
	label TEXT, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	extra TEXT NOT NULL, 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "actor_mentions" VALUES('doc-1',0,'Military Forces of Syria','Government forces',NULL,NULL,0,17,'{}');
INSERT INTO "actor_mentions" VALUES('doc-1',1,'Unidentified Armed Group (Syria)','Militants',NULL,'militants',117,126,'{}');
INSERT INTO "actor_mentions" VALUES('doc-2',0,'Military Forces of Syria','Government forces',NULL,NULL,0,17,'{}');
INSERT INTO "actor_mentions" VALUES('doc-2',1,'Unidentified Armed Group (Syria)','Militants',NULL,'militants',117,126,'{}');
CREATE TABLE cluster_members (
	doc_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	cluster_id VARCHAR NOT NULL, 
	day_from VARCHAR(10), 
	day_to VARCHAR(10), 
	country TEXT NOT NULL, 
	admin1 TEXT NOT NULL, 
	PRIMARY KEY (doc_id, event_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE, 
	FOREIGN KEY(cluster_id) REFERENCES event_clusters (cluster_id) ON DELETE CASCADE
);
CREATE TABLE corroborate_buckets (
	doc_id VARCHAR NOT NULL, 
	bucket BIGINT NOT NULL, 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
CREATE TABLE corroborate_signatures (
	doc_id VARCHAR NOT NULL, 
	content_hash VARCHAR NOT NULL, 
	pipeline_version VARCHAR NOT NULL, 
	signature BLOB NOT NULL, 
	PRIMARY KEY (doc_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
CREATE TABLE documents (
	doc_id VARCHAR NOT NULL, 
	title TEXT, 
	source TEXT, 
	published VARCHAR(10), 
	url TEXT, 
	language VARCHAR(16), 
	text TEXT, 
	content_hash VARCHAR NOT NULL, 
	analysed_at VARCHAR(32) NOT NULL, 
	pipeline_version VARCHAR NOT NULL, 
	warnings TEXT NOT NULL, 
	extra TEXT NOT NULL, 
	PRIMARY KEY (doc_id)
);
INSERT INTO "documents" VALUES('doc-1','Shelling in Idleb','Outlet A','2024-04-18','https://example.org/doc-1','en','Government forces shelled the town of Kafr Nabl on Tuesday, killing at least four civilians, according to a local monitor. Militants were likely behind a later attack.','h1','2026-12-05T06:26:49+00:00','0.1.0','["date resolved from publication date"]','{}');
INSERT INTO "documents" VALUES('doc-2','Shelling in Idleb','Outlet B','2024-04-18','https://example.org/doc-2','en','Government forces shelled the town of Kafr Nabl on Tuesday, killing at least four civilians, according to a local monitor. Militants were likely behind a later attack.','h2','2026-12-05T06:26:49+00:00','0.1.0','["date resolved from publication date"]','{}');
CREATE TABLE duplicate_pairs (
	doc_id VARCHAR NOT NULL, 
	other_doc_id VARCHAR NOT NULL, 
	similarity FLOAT NOT NULL, 
	PRIMARY KEY (doc_id, other_doc_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE, 
	FOREIGN KEY(other_doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
CREATE TABLE event_clusters (
	cluster_id VARCHAR NOT NULL, 
	event_date VARCHAR(10), 
	country TEXT NOT NULL, 
	reports INTEGER NOT NULL, 
	sources INTEGER NOT NULL, 
	independent_sources INTEGER NOT NULL, 
	consensus TEXT, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (cluster_id)
);
CREATE TABLE events (
	doc_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	event_date VARCHAR(10), 
	date_start VARCHAR(10), 
	date_end VARCHAR(10), 
	time_precision INTEGER NOT NULL, 
	disorder_type TEXT NOT NULL, 
	event_type TEXT NOT NULL, 
	sub_event_type TEXT NOT NULL, 
	actor1 TEXT NOT NULL, 
	assoc_actor_1 TEXT NOT NULL, 
	inter1 INTEGER, 
	actor2 TEXT NOT NULL, 
	assoc_actor_2 TEXT NOT NULL, 
	inter2 INTEGER, 
	interaction INTEGER, 
	civilian_targeting TEXT NOT NULL, 
	country TEXT NOT NULL, 
	iso INTEGER, 
	admin1 TEXT NOT NULL, 
	admin2 TEXT NOT NULL, 
	admin3 TEXT NOT NULL, 
	location TEXT NOT NULL, 
	latitude FLOAT, 
	longitude FLOAT, 
	geo_precision INTEGER NOT NULL, 
	fatalities INTEGER NOT NULL, 
	fatalities_low INTEGER, 
	fatalities_high INTEGER, 
	injuries INTEGER, 
	certainty VARCHAR(16) NOT NULL, 
	according_to TEXT NOT NULL, 
	source TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	evidence TEXT NOT NULL, 
	field_certainty TEXT NOT NULL, 
	extra TEXT NOT NULL, 
	PRIMARY KEY (doc_id, event_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "events" VALUES('doc-1','doc-1-e1',0,'2024-04-16','2024-04-16','2024-04-16',1,'Political violence','Explosions/Remote violence','Shelling/artillery/missile attack','Military Forces of Syria (2000-2024)','',1,'Civilians (Syria)','',7,17,'Civilian targeting','Syria',760,'Idleb','','','Kafr Nabl',35.61,36.56,1,4,4,NULL,NULL,'reported','["a local monitor"]','Outlet A','Government forces shelled Kafr Nabl; four civilians were killed.','{"actor1": [[0, 17]], "fatalities": [[70, 91]]}','{}','{}');
INSERT INTO "events" VALUES('doc-1','doc-1-e2',1,'2024-04-20',NULL,NULL,3,'','Battles','Armed clash','Unidentified Armed Group (Syria)','Hayat Tahrir al-Sham',NULL,'','',NULL,NULL,'','Syria',NULL,'','','','',NULL,NULL,3,0,NULL,NULL,NULL,'suspected','[]','Outlet A','','{}','{}','{}');
INSERT INTO "events" VALUES('doc-2','doc-2-e1',0,'2024-04-16','2024-04-16','2024-04-16',1,'Political violence','Explosions/Remote violence','Shelling/artillery/missile attack','Military Forces of Syria (2000-2024)','',1,'Civilians (Syria)','',7,17,'Civilian targeting','Syria',760,'Idleb','','','Kafr Nabl',35.61,36.56,1,4,4,NULL,NULL,'reported','["a local monitor"]','Outlet B','Government forces shelled Kafr Nabl; four civilians were killed.','{"actor1": [[0, 17]], "fatalities": [[70, 91]]}','{}','{}');
INSERT INTO "events" VALUES('doc-2','doc-2-e2',1,'2024-04-20',NULL,NULL,3,'','Battles','Armed clash','Unidentified Armed Group (Syria)','Hayat Tahrir al-Sham',NULL,'','',NULL,NULL,'','Syria',NULL,'','','','',NULL,NULL,3,0,NULL,NULL,NULL,'suspected','[]','Outlet B','','{}','{}','{}');
CREATE TABLE framing_items (
	doc_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	payload TEXT NOT NULL, 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "framing_items" VALUES('doc-1',0,'technique',117,126,'{"end": 126, "start": 117, "technique": "Loaded_Language"}');
INSERT INTO "framing_items" VALUES('doc-1',1,'hedge',132,138,'{"cue": "likely", "end": 138, "scope": [117, 165], "start": 132}');
INSERT INTO "framing_items" VALUES('doc-1',2,'quote',93,115,'{"end": 115, "speaker": "a local monitor", "start": 93}');
INSERT INTO "framing_items" VALUES('doc-1',3,'label',117,126,'{"actor": "Unidentified Armed Group (Syria)", "end": 126, "label": "militants", "start": 117, "voice": "outlet"}');
INSERT INTO "framing_items" VALUES('doc-2',0,'technique',117,126,'{"end": 126, "start": 117, "technique": "Loaded_Language"}');
INSERT INTO "framing_items" VALUES('doc-2',1,'hedge',132,138,'{"cue": "likely", "end": 138, "scope": [117, 165], "start": 132}');
INSERT INTO "framing_items" VALUES('doc-2',2,'quote',93,115,'{"end": 115, "speaker": "a local monitor", "start": 93}');
INSERT INTO "framing_items" VALUES('doc-2',3,'label',117,126,'{"actor": "Unidentified Armed Group (Syria)", "end": 126, "label": "militants", "start": 117, "voice": "outlet"}');
CREATE TABLE places (
	doc_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	lat FLOAT, 
	lon FLOAT, 
	geonameid INTEGER, 
	country TEXT, 
	admin1 TEXT, 
	feature VARCHAR(16), 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	extra TEXT NOT NULL, 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "places" VALUES('doc-1',0,'Kafr Nabl',35.61,36.56,170000,'SY','Idlib','P.PPL',38,47,'{}');
INSERT INTO "places" VALUES('doc-2',0,'Kafr Nabl',35.61,36.56,170000,'SY','Idlib','P.PPL',38,47,'{}');
CREATE TABLE registry_actors (
	actor_id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	inter INTEGER, 
	country TEXT, 
	active VARCHAR(16) NOT NULL, 
	origin VARCHAR(8) NOT NULL, 
	provisional INTEGER NOT NULL, 
	merged_into VARCHAR, 
	first_doc_id VARCHAR, 
	PRIMARY KEY (actor_id)
);
INSERT INTO "registry_actors" VALUES('a1','Liwa al-Quds','militia',3,NULL,'','kb',0,NULL,NULL);
CREATE TABLE registry_aliases (
	alias_id INTEGER NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	alias TEXT NOT NULL, 
	norm TEXT NOT NULL, 
	doc_id VARCHAR, 
	outlet TEXT, 
	published VARCHAR(10), 
	span_start INTEGER, 
	span_end INTEGER, 
	evidence TEXT, 
	certainty VARCHAR(16), 
	voice TEXT, 
	PRIMARY KEY (alias_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "registry_aliases" VALUES(1,'a1','Liwa al-Quds','liwa al quds','doc-1',NULL,NULL,0,12,NULL,NULL,NULL);
CREATE TABLE registry_merges (
	merge_id INTEGER NOT NULL, 
	kept_id VARCHAR NOT NULL, 
	merged_id VARCHAR NOT NULL, 
	note TEXT NOT NULL, 
	merged_at VARCHAR(32) NOT NULL, 
	undone_at VARCHAR(32), 
	PRIMARY KEY (merge_id)
);
CREATE TABLE registry_relations (
	relation_id INTEGER NOT NULL, 
	subject_id VARCHAR NOT NULL, 
	predicate VARCHAR(32) NOT NULL, 
	object_id VARCHAR, 
	object_name TEXT NOT NULL, 
	object_kind VARCHAR(16) NOT NULL, 
	doc_id VARCHAR, 
	outlet TEXT, 
	published VARCHAR(10), 
	certainty VARCHAR(16) NOT NULL, 
	voice TEXT NOT NULL, 
	span_start INTEGER, 
	span_end INTEGER, 
	evidence TEXT, 
	origin VARCHAR(8) NOT NULL, 
	PRIMARY KEY (relation_id), 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
CREATE TABLE relations (
	doc_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	subject TEXT NOT NULL, 
	predicate VARCHAR(32) NOT NULL, 
	object TEXT NOT NULL, 
	certainty VARCHAR(16) NOT NULL, 
	voice TEXT NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	extra TEXT NOT NULL, 
	FOREIGN KEY(doc_id) REFERENCES documents (doc_id) ON DELETE CASCADE
);
INSERT INTO "relations" VALUES('doc-1',0,'A','fights','B','alleged','a local monitor',0,17,'{}');
INSERT INTO "relations" VALUES('doc-2',0,'A','fights','B','alleged','a local monitor',0,17,'{}');
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "schema_version" VALUES(1);
CREATE INDEX ix_documents_published ON documents (published);
CREATE INDEX ix_documents_source ON documents (source);
CREATE INDEX ix_event_clusters_event_date ON event_clusters (event_date);
CREATE INDEX ix_registry_actors_name ON registry_actors (name);
CREATE INDEX ix_events_actor2 ON events (actor2);
CREATE INDEX ix_events_actor1 ON events (actor1);
CREATE INDEX ix_events_event_date ON events (event_date);
CREATE INDEX ix_events_doc_id ON events (doc_id);
CREATE INDEX ix_events_country ON events (country);
CREATE INDEX ix_events_event_type ON events (event_type);
CREATE INDEX ix_actor_mentions_doc_id ON actor_mentions (doc_id);
CREATE INDEX ix_actor_mentions_name ON actor_mentions (name);
CREATE INDEX ix_relations_doc_id ON relations (doc_id);
CREATE INDEX ix_relations_object ON relations (object);
CREATE INDEX ix_relations_subject ON relations (subject);
CREATE INDEX ix_places_doc_id ON places (doc_id);
CREATE INDEX ix_places_name ON places (name);
CREATE INDEX ix_framing_items_kind ON framing_items (kind);
CREATE INDEX ix_framing_items_doc_id ON framing_items (doc_id);
CREATE INDEX ix_corroborate_buckets_bucket ON corroborate_buckets (bucket);
CREATE INDEX ix_corroborate_buckets_doc_id ON corroborate_buckets (doc_id);
CREATE INDEX ix_duplicate_pairs_other_doc_id ON duplicate_pairs (other_doc_id);
CREATE INDEX ix_cluster_members_cluster_id ON cluster_members (cluster_id);
CREATE INDEX ix_cluster_members_block ON cluster_members (country, admin1, day_to);
CREATE INDEX ix_registry_aliases_norm ON registry_aliases (norm);
CREATE INDEX ix_registry_aliases_actor ON registry_aliases (actor_id);
CREATE INDEX ix_registry_aliases_doc ON registry_aliases (doc_id);
CREATE INDEX ix_registry_relations_subject ON registry_relations (subject_id);
CREATE INDEX ix_registry_relations_object ON registry_relations (object_id);
CREATE INDEX ix_registry_relations_doc ON registry_relations (doc_id);
COMMIT;

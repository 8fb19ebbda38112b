-- psql's describe commands on partitioned tables, partitions and their indexes
CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, peaktemp int, unitsales int, PRIMARY KEY (city_id, logdate)) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006 PARTITION OF measurement FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
CREATE TABLE measurement_y2007 PARTITION OF measurement FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
CREATE TABLE measurement_def PARTITION OF measurement DEFAULT;
CREATE TABLE lp (a int, b text) PARTITION BY LIST (b);
CREATE TABLE lp_ab PARTITION OF lp FOR VALUES IN ('a', 'b') PARTITION BY RANGE (a);
CREATE TABLE lp_ab_1 PARTITION OF lp_ab FOR VALUES FROM (MINVALUE) TO (10);
CREATE TABLE lp_null PARTITION OF lp FOR VALUES IN (NULL);
CREATE TABLE hp (id int PRIMARY KEY, v text) PARTITION BY HASH (id);
CREATE TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE empty_parted (x int) PARTITION BY RANGE (x);
CREATE TABLE ref_parted (m_city int, m_date date, FOREIGN KEY (m_city, m_date) REFERENCES measurement);
\d measurement
\d+ measurement
\d measurement_y2006
\d+ measurement_y2006
\d+ measurement_def
\d lp
\d+ lp
\d lp_ab
\d+ lp_ab
\d+ lp_null
\d hp
\d hp0
\d empty_parted
\d+ empty_parted
\d measurement_pkey
\d+ measurement_pkey
\d measurement_y2006_pkey
\dt
\di
\d ref_parted

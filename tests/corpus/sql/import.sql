-- .import of a CSV file, queries on it, and output modes.
.mode csv
.import people.csv people
.mode column
.headers on
SELECT * FROM people ORDER BY age DESC, name;
.mode json
SELECT name, age FROM people WHERE city = 'Oslo';
.mode line
SELECT count(*) AS n, avg(age) AS mean FROM people;
.mode csv
SELECT * FROM people WHERE note LIKE '%,%';
.mode insert people
SELECT * FROM people WHERE age < 30;
.output exported.csv
.mode csv
SELECT * FROM people;
.output stdout
.mode list
SELECT 'rows in export', count(*) FROM people;
.schema people

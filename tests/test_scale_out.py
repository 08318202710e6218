"""Distributed crawling, tried for real: the NAZK declarations spider in two processes sharing
one request queue and one duplicate filter in a Redis server the test starts (scrapy-redis,
bench/redis_worker.py) fetches exactly the documents the demo's single crawl fetched, none
twice, from the same mirror."""

from bench.scale_out import crawl, document_ids, mirror_of, redis_server


def test_two_crawling_processes_fetch_every_document_once(demo_data):
    single = set(document_ids(demo_data))
    assert len(single) >= 10
    with redis_server() as (redis_url, client), mirror_of(demo_data) as mirror_url:
        found = crawl(demo_data.parent, 2, mirror_url, redis_url, client)
        assert client.dbsize() > 0  # the queue and the seen requests were in Redis
    assert found["ids"] == single
    assert found["records"] == found["distinct_records"] == len(single)
    assert len(found["records_per_worker"]) == 2  # both processes ran to their end

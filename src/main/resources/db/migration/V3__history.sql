-- Entity tags and change history (docs/behaviour.md §9).

-- Raised by every stored change of an image and by nothing else: the image's entity tag is made from it.
alter table image add column version bigint not null default 1;

-- One row per stored change of one image, written in the change's own transaction. "changes" holds, for each
-- attribute the change touched, {"before": ..., "after": ...} in the stored text form; a missing member means the
-- attribute was not set. A batch run's rows carry its run_id (and the project that ran it), which is what an undo
-- reads back.
create table image_change (
    id          bigserial   primary key,
    image_id    uuid        not null,
    changed_at  timestamptz not null,
    actor       text        not null,
    project     text        not null,
    entry_point text        not null,
    request_id  text,
    run_id      uuid,
    changes     jsonb       not null
);
create index image_change_run on image_change (run_id, image_id) where run_id is not null;
create index image_change_image on image_change (image_id, id);
create index image_change_time on image_change (changed_at);

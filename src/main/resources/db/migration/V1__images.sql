-- Images: one row each. The system fields of the IMS response table are columns; the modifiable attributes
-- that every image has or that have their own column in IMS (name, min_ram, max_ram, __description,
-- hw_firmware_type) are columns too; the optional flags, GPU types, enterprise_project_id and the
-- user-defined extension attributes live in the jsonb map "properties" (name -> string).
create table image (
    id                   uuid        primary key,
    owner                text        not null,
    name                 text        not null,
    status               text        not null,
    visibility           text        not null,
    image_type           text        not null,
    deleted              boolean     not null default false,
    protected            boolean     not null default false,
    size                 bigint      not null default 0,
    virtual_size         bigint      not null default 0,
    checksum             text        not null default '',
    container_format     text        not null default 'bare',
    disk_format          text        not null default 'vhd',
    min_disk             integer     not null default 0,
    min_ram              integer     not null default 0,
    max_ram              text,
    description          text,
    hw_firmware_type     text,
    tags                 jsonb       not null default '[]',
    os_bit               text        not null default '',
    os_version           text        not null default '',
    is_registered        text        not null default 'true',
    platform             text        not null default '',
    os_type              text        not null default '',
    virtual_env_type     text        not null default '',
    image_source_type    text        not null default '',
    original_image_name  text        not null default '',
    backup_id            text        not null default '',
    product_code         text        not null default '',
    image_size           text        not null default '0',
    data_origin          text,
    properties           jsonb       not null default '{}',
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    deleted_at           timestamptz
);

-- The batch selector filters by owner and status and walks images in id order.
create index image_owner_status_id on image (owner, status, id);

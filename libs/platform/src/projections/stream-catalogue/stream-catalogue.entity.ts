import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per stream: what exists, how far it has got, when it last changed. */
@Entity('stream_catalogue')
export class StreamCatalogueEntry {
  @PrimaryColumn({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'bigint' })
  revision!: string;

  @Column({ name: 'event_count', type: 'bigint' })
  eventCount!: string;

  @Column({ name: 'first_event_at', type: 'timestamptz' })
  firstEventAt!: Date;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'last_event_type', type: 'text' })
  lastEventType!: string;
}

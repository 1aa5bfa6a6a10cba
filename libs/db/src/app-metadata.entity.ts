import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Facts about this installation, such as when the demo workspace was seeded. */
@Entity({ name: 'app_metadata' })
export class AppMetadata {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_app_metadata_key' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

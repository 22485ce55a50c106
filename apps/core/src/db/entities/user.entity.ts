import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A local (db_auth) user. Harbor's table name; user_id 1 is the admin. */
@Entity('harbor_user')
export class UserEntity {
  @PrimaryGeneratedColumn({ name: 'user_id' }) id!: number;
  @Column({ type: 'varchar', length: 255, unique: true }) username!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  /** Encoded KDF hash (see auth/password.ts); never leaves the service. */
  @Column({ type: 'varchar', length: 256 }) password!: string;
  @Column({ type: 'varchar', length: 255, default: '' }) realname!: string;
  @Column({ type: 'varchar', length: 255, default: '' }) comment!: string;
  @Column({ name: 'sysadmin_flag', type: 'boolean', default: false }) sysadmin!: boolean;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}

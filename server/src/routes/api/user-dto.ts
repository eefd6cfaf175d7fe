import type { UserRow } from '../../db/users.ts';

/** UserResponseDto */
export function toUserResponse(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    avatarColor: user.avatar_color,
    profileImagePath: '',
    profileChangedAt: user.profile_changed_at,
  };
}

/** UserAdminResponseDto: what /users/me and the admin endpoints return. */
export function toUserAdminResponse(user: UserRow, quotaUsageInBytes = 0) {
  return {
    ...toUserResponse(user),
    isAdmin: user.is_admin === 1,
    shouldChangePassword: user.should_change_password === 1,
    storageLabel: user.storage_label,
    oauthId: '',
    createdAt: user.created_at,
    updatedAt: user.updated_at,
    deletedAt: user.deleted_at,
    status: user.deleted_at ? 'deleted' : 'active',
    quotaSizeInBytes: user.quota_size_in_bytes,
    quotaUsageInBytes,
    license: null,
  };
}
